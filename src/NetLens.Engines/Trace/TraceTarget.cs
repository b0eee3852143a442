using System.Net;
using System.Net.Sockets;
using NetLens.Core;
using NetLens.Engines.Context;
using NetLens.Linux.Namespaces;

namespace NetLens.Engines.Trace;

/// <summary>What a trace may be pointed at.</summary>
public static class TraceTarget
{
    /// <summary>
    /// The address to trace to for what the user typed: a name through the shared resolver (which refuses an empty or
    /// over-long one: the system resolver reads "" as this host), a link-local address with its zone looked up in the
    /// command's namespace; <paramref name="family"/> (-4, -6) picks the name's address of that family; the unspecified address is refused, worded by what was typed.
    /// </summary>
    public static ResolvedTarget Resolve(string host, NetworkContext context, AddressFamily? family = null)
    {
        var target = TargetResolver.Resolve(host, family);
        if (AddressZone.Resolve(host, context) is { } zone)
        {
            // a link-local address is reached through its link: the zone (looked up in the namespace) is the probes' scope id
            target = target with { Address = new IPAddress(target.Address.GetAddressBytes(), zone.Index) };
        }

        if (target.Address.Equals(IPAddress.Any) || target.Address.Equals(IPAddress.IPv6Any))
        {
            // the kernel sends packets for the unspecified address to this host: 30 hops of loopback, never a path
            throw new UsageException($"{InputText.Quote(host)} is the unspecified address, which names no host (name the host to trace to)");
        }

        return target;
    }

    /// <summary>
    /// Refuses the unspecified address (0.0.0.0, ::): as a destination the kernel sends it to the host itself, so a trace
    /// would print loopback hop after hop while the user meant some other host.
    /// </summary>
    public static void Check(IPAddress address)
    {
        // All zero bytes: 0.0.0.0, ::, ::ffff:0.0.0.0 and :: with any zone.
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (plain.GetAddressBytes().All(b => b == 0))
        {
            throw new UsageException($"{address} is the unspecified address, not a host to trace to (give the address or name of the host to reach)");
        }
    }
}
