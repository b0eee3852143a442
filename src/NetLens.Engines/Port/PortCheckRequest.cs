using System.Net;
using NetLens.Core.Firewall.Evaluation;

namespace NetLens.Engines.Port;

/// <summary>What `port check` asks: which packet (port or service, protocol, addresses, devices, direction), judged by which ruleset.</summary>
/// <param name="Spec">PORT[/PROTO] or a service name.</param>
/// <param name="From">Source address of the packet, or any.</param>
/// <param name="To">Destination address of the packet, or any.</param>
/// <param name="InputInterface">Device the packet arrives on, or any.</param>
/// <param name="RulesetFile">A saved ruleset (iptables-save or nft JSON) to judge instead of the live one.</param>
/// <param name="ServicesFile">Where service names are looked up.</param>
/// <param name="Direction">In (to this host), out (sent by it: the output hook, "would my own firewall drop it?") or forward.</param>
/// <param name="OutputInterface">Device an outgoing or forwarded packet leaves by; null: the route to <paramref name="To"/> decides (live ruleset), else any.</param>
public sealed record PortCheckRequest(
    string Spec,
    IPAddress? From,
    IPAddress? To,
    string? InputInterface,
    string? RulesetFile,
    string ServicesFile,
    PacketDirection Direction = PacketDirection.In,
    string? OutputInterface = null);
