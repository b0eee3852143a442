using NetLens.Core.Firewall.Rulesets;

namespace NetLens.Core.Firewall.Spec;

/// <summary>
/// "icmp", "icmp/echo-request", "icmpv6/128": ICMP written as PROTO[/TYPE] (a type name or number), since the protocol
/// has no ports to put first. No type means every type.
/// </summary>
public sealed record IcmpSpec(FirewallProtocol Protocol, int? Type)
{
    public bool IsV6 => Protocol == FirewallProtocol.Icmpv6;

    /// <summary>"icmp/echo-request" or "icmpv6": the canonical text.</summary>
    public string Text => Type is { } type ? $"{Protocol.Word()}/{IcmpTypes.Name(type, IsV6)}" : Protocol.Word();

    /// <summary>The SPEC as ICMP; null when it does not start with icmp or icmpv6 (then it is ports or a service).</summary>
    public static IcmpSpec? TryParse(string text)
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
            type = IcmpTypes.Find(typeText, v6)
                ?? throw new UsageException($"port SPEC {text}: '{typeText}' is not an {(v6 ? "ICMPv6" : "ICMP")} type (echo-request, or a number 0-255)");
        }

        return new IcmpSpec(v6 ? FirewallProtocol.Icmpv6 : FirewallProtocol.Icmp, type);
    }

    /// <summary>As `port open` groups ports: one group, the type as a one-value range, or none for every type.</summary>
    public ResolvedPorts Resolved() => new([new PortGroup(Protocol, Type is { } t ? [new PortRange(t, t)] : [])], []);
}
