using System.Globalization;
using System.Net;

namespace NetLens.Core.Doctor;

/// <summary>What doctor is asked to reach: ICMP echo when no port is given, else TCP (the default) or UDP to the port.</summary>
public enum DoctorProtocol
{
    Icmp,
    Tcp,
    Udp,
}

/// <summary>DEST[:PORT][/tcp|/udp|/icmp] as typed: the host (a name or an address), the port, the protocol.</summary>
public sealed record DoctorTargetSpec(string Host, int? Port, DoctorProtocol Protocol)
{
    /// <summary>"198.18.0.2", "db:5432", "198.18.0.2:53/udp", "[2001:db8::2]:443", "2001:db8::2", "host/icmp".</summary>
    public static DoctorTargetSpec Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException("the destination is empty: give DEST[:PORT][/tcp|/udp|/icmp]");
        }

        var body = text;
        DoctorProtocol? protocol = null;
        var slash = text.LastIndexOf('/');
        if (slash >= 0)
        {
            protocol = text[(slash + 1)..].ToLowerInvariant() switch
            {
                "tcp" => DoctorProtocol.Tcp,
                "udp" => DoctorProtocol.Udp,
                "icmp" or "icmpv6" => DoctorProtocol.Icmp,
                _ => throw new UsageException($"{InputText.Quote(text)}: the protocol after '/' must be tcp, udp or icmp"),
            };
            body = text[..slash];
        }

        var (host, portText) = SplitPort(body, text);
        if (host.Length == 0)
        {
            throw new UsageException($"{InputText.Quote(text)}: no host before the port");
        }

        int? port = portText is null ? null : ParsePort(portText, text);
        if (port is null && protocol is DoctorProtocol.Tcp or DoctorProtocol.Udp)
        {
            throw new UsageException($"{InputText.Quote(text)}: {protocol.Value.ToString().ToLowerInvariant()} needs a port (DEST:PORT/{protocol.Value.ToString().ToLowerInvariant()})");
        }

        if (port is not null && protocol == DoctorProtocol.Icmp)
        {
            throw new UsageException($"{InputText.Quote(text)}: ICMP has no ports");
        }

        return new DoctorTargetSpec(host, port, protocol ?? (port is null ? DoctorProtocol.Icmp : DoctorProtocol.Tcp));
    }

    private static (string Host, string? Port) SplitPort(string body, string text)
    {
        if (body.StartsWith('['))
        {
            var close = body.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new UsageException($"{InputText.Quote(text)}: no ']' after the IPv6 address");
            }

            var rest = body[(close + 1)..];
            if (rest.Length == 0)
            {
                return (body[1..close], null);
            }

            return rest[0] == ':' ? (body[1..close], rest[1..]) : throw new UsageException($"{InputText.Quote(text)}: expected [IPv6]:PORT");
        }

        // A bare IPv6 address has colons but no port: ports after IPv6 need brackets, as in URLs.
        var colons = body.Count(c => c == ':');
        if (colons == 1)
        {
            var colon = body.IndexOf(':', StringComparison.Ordinal);
            return (body[..colon], body[(colon + 1)..]);
        }

        if (colons > 1 && !IPAddress.TryParse(body, out _) && !body.Contains('%', StringComparison.Ordinal))
        {
            throw new UsageException($"{InputText.Quote(text)} is not an address; a port after an IPv6 address needs brackets: [2001:db8::1]:80");
        }

        return (body, null);
    }

    private static int ParsePort(string portText, string text)
    {
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new UsageException($"{InputText.Quote(text)}: the port must be a number from 1 to 65535");
        }

        return port;
    }
}

/// <summary>The destination as resolved: the spec, and the address it names (with the name, when it was one).</summary>
public sealed record DoctorTarget(DoctorTargetSpec Spec, IPAddress? Address)
{
    public string ProtocolWord => Spec.Protocol switch
    {
        DoctorProtocol.Tcp => "tcp",
        DoctorProtocol.Udp => "udp",
        _ => Address?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "icmpv6" : "icmp",
    };
}
