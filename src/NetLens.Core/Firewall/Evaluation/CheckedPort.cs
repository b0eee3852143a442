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


    /// <summary>Without a protocol a port takes the ones the services file lists for it, else TCP: a check changes nothing, so it need not ask.</summary>
    public static CheckedPort Resolve(string text, ServicesTable services, string servicesPath)
    {
        if (IcmpSpec.TryParse(text) is { } icmp)
        {
            return new CheckedPort(0, [icmp.IsV6 ? PacketQuery.Icmpv6 : PacketQuery.Icmp], null, []) { IcmpType = icmp.Type };
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
