using System.Net;
using System.Net.Sockets;
using NetLens.Core;

namespace NetLens.Engines.Context;

/// <summary>Turns what the user typed into an address: a literal as is, a name through the system resolver.</summary>
public static class TargetResolver
{
    /// <param name="text">An IPv4/IPv6 literal or a host name.</param>
    /// <param name="family">Restrict to one family (-4/-6), or null for the resolver's first answer.</param>
    /// <param name="preferIPv4">With no family: an IPv4 answer when the name has one, else the first (doctor's choice, as the lab and most paths are IPv4).</param>
    public static ResolvedTarget Resolve(string text, AddressFamily? family, bool preferIPv4 = false)
    {
        if (IPAddress.TryParse(text, out var literal))
        {
            if (family is { } wanted && literal.AddressFamily != wanted)
            {
                throw new UsageException($"{InputText.Quote(text)} is not an {(wanted == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address");
            }

            return new ResolvedTarget(literal, null);
        }

        if (text.Length == 0 || text.Length > 253 || text.Contains(' ', StringComparison.Ordinal))
        {
            throw new UsageException($"{InputText.Quote(text)} is neither an address nor a host name");
        }

        IPAddress[] addresses;
        try
        {
            addresses = Dns.GetHostAddresses(text);
        }
        catch (SocketException e)
        {
            throw new UsageException($"cannot resolve {InputText.Quote(text)}: {e.Message}");
        }

        if (family is null && preferIPv4 && addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) is { } v4)
        {
            return new ResolvedTarget(v4, text);
        }

        foreach (var address in addresses)
        {
            if (family is null || address.AddressFamily == family)
            {
                return new ResolvedTarget(address, text);
            }
        }

        throw new UsageException($"{InputText.Quote(text)} has no {(family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4")} address");
    }
}
