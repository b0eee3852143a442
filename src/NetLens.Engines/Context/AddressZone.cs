using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NetLens.Core;
using NetLens.Core.Links;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Routing;

namespace NetLens.Engines.Context;

/// <summary>
/// The zone of a link-local address ("fe80::1%eth0", "fe80::1%2"): the interface it names, looked up in the
/// command's namespace (interface names and indexes are per namespace). An unknown zone is bad input, never ignored.
/// </summary>
public static class AddressZone
{
    /// <summary>The interface <paramref name="text"/>'s zone names; null when it has none.</summary>
    public static Link? Resolve(string text, NetworkContext context)
    {
        var percent = text.IndexOf('%', StringComparison.Ordinal);
        if (percent < 0)
        {
            return null;
        }

        var zone = text[(percent + 1)..];
        if (!IPAddress.TryParse(text[..percent], out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new UsageException($"{InputText.Quote(text)}: a zone (%{InputText.Quote(zone)}) follows an IPv6 address only");
        }

        if (zone.Length == 0)
        {
            throw new UsageException($"{InputText.Quote(text)}: the zone after '%' is empty (name an interface, e.g. %eth0)");
        }

        using var netlink = context.Run(RouteNetlink.Open);
        var link = int.TryParse(zone, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? netlink.GetLink(index) : netlink.GetLink(zone);
        return link ?? throw new UsageException(
            $"{InputText.Quote(text)}: there is no interface {InputText.Quote(zone)} in {(context.IsCurrent ? "this namespace" : "namespace " + context.Netns)} (the zone names the interface: see 'netlens routes' or 'ip link')");
    }

    /// <summary>The address without its zone (what goes on the wire and into the kernel's question).</summary>
    public static IPAddress WithoutZone(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes()) : address;
}
