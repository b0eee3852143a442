namespace NetLens.Core.Firewall.Spec;

/// <summary>The ports to open for one protocol (for ICMP: the type as a one-value range, or none for every type).</summary>
public sealed record PortGroup(FirewallProtocol Protocol, IReadOnlyList<PortRange> Ranges)
{
    public int PortCount => Ranges.Sum(r => r.Count);

    public string PortsText => PortRange.Join(Ranges);

    /// <summary>"80,443/tcp", or for ICMP "icmp/echo-request" (PROTO/TYPE) and "icmp" (every type).</summary>
    public string SpecText => Protocol.IsIcmp()
        ? new IcmpSpec(Protocol, Ranges is [var type] ? type.Low : null).Text
        : $"{PortsText}/{Protocol.Word()}";
}

/// <summary>A SPEC with its protocol settled: ports grouped by protocol, and warnings about what the services file says.</summary>
public sealed record ResolvedPorts(IReadOnlyList<PortGroup> Groups, IReadOnlyList<string> Warnings)
{
    /// <summary>"8472/udp", "80,443/tcp", "53/tcp 53/udp": the canonical text, used in rule comments.</summary>
    public string Text => string.Join(' ', Groups.Select(g => g.SpecText));
}
