using System.Net;
using System.Net.Sockets;
using NetLens.Core;

namespace NetLens.Engines.Context;

/// <summary>Turns what the user typed into an address: a literal as is, a name through the system resolver.</summary>
public static class TargetResolver
{
    /// <param name="text">An IPv4/IPv6 literal or a host name.</param>
    /// <param name="family">Restrict to one family (-4/-6), or null for the resolver's first answer.</param>
    public static ResolvedTarget Resolve(string text, AddressFamily? family)
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
