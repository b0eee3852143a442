using NetLens.Core.Firewall.Spec;
using NetLens.Core.Services;

namespace NetLens.Core.Firewall.Evaluation;

/// <summary>
/// The port `port check` asks about, read with `port open`'s SPEC parser and settled against the same services table:
/// one port, the protocols the packet is tried with (IP protocol numbers), the service name when one was given, and the
/// resolver's warnings (a service asked for with the other protocol).
/// </summary>
public sealed record CheckedPort(int Port, IReadOnlyList<int> Protocols, string? ServiceName, IReadOnlyList<string> Warnings)
{
    /// <summary>The ICMP type of "icmp/echo-request"; null for a port, or for "icmp" (any type).</summary>
    public int? IcmpType { get; init; }

    public bool IsIcmp => Protocols is [PacketQuery.Icmp or PacketQuery.Icmpv6];

    /// <summary>"icmp", "icmp/echo-request", "icmpv6/128": ICMP as PROTO[/TYPE], a name or a number (the protocol has no ports).</summary>
    public static CheckedPort? ParseIcmp(string text)
    {
        var spec = text.Trim();
        var slash = spec.IndexOf('/', StringComparison.Ordinal);
        var word = (slash < 0 ? spec : spec[..slash]).ToLowerInvariant();
        if (word is not ("icmp" or "icmpv6" or "ipv6-icmp"))
        {
            return null;
        }

        var v6 = word != "icmp";
        int? type = null;
        if (slash >= 0)
        {
            var typeText = spec[(slash + 1)..];
            type = Rulesets.IcmpTypes.Find(typeText, v6)
                ?? throw new UsageException($"port SPEC {text}: '{typeText}' is not an {(v6 ? "ICMPv6" : "ICMP")} type (echo-request, or a number 0-255)");
        }

        return new CheckedPort(0, [v6 ? PacketQuery.Icmpv6 : PacketQuery.Icmp], null, []) { IcmpType = type };
    }

    /// <summary>Without a protocol a port takes the ones the services file lists for it, else TCP: a check changes nothing, so it need not ask.</summary>
    public static CheckedPort Resolve(string text, ServicesTable services, string servicesPath)
    {
        if (ParseIcmp(text) is { } icmp)
        {
            return icmp;
        }

        var spec = FirewallPortSpec.Parse(text);
        var resolved = PortSpecResolver.Resolve(spec, services, servicesPath, unnamedPortProtocol: FirewallProtocol.Tcp);
        var ports = resolved.Groups.SelectMany(g => g.Ranges).Distinct().ToList();
        if (ports is not [{ IsSingle: true } port])
        {
            throw new UsageException($"port SPEC {text}: port check asks about one port (give each one its own check)");
        }

        return new CheckedPort(
            port.Low,
            [.. resolved.Groups.Select(g => g.Protocol == FirewallProtocol.Tcp ? PacketQuery.Tcp : PacketQuery.Udp).Order()],
            spec.ServiceName,
            resolved.Warnings);
    }
}
