using System.Net;
using System.Net.Sockets;
using NetLens.Core.Firewall.Evaluation;
using NetLens.Core.Firewall.Rulesets;

namespace NetLens.Core.Tests.Firewall.Evaluation;

/// <summary>Packets and rulesets the evaluator tests share.</summary>
internal static class EvaluationFixtures
{
    public static string NftMixed => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "firewall", "nft-mixed.json"));

    public static PacketQuery Tcp(int port, string? from = "198.18.0.5", string? to = "198.18.0.1", string? iif = "eth0") => Packet(PacketQuery.Tcp, port, from, to, iif);

    public static PacketQuery Udp(int port, string? from = "198.18.0.5", string? to = "198.18.0.1", string? iif = "eth0") => Packet(PacketQuery.Udp, port, from, to, iif);

    public static PacketQuery Tcp6(int port, string? from = "2001:db8::5", string? to = "2001:db8::1", string? iif = "eth0") => Packet(PacketQuery.Tcp, port, from, to, iif);

    public static CheckEvaluation Evaluate(FirewallRuleset ruleset, PacketQuery packet) =>
        RulesetEvaluator.Evaluate(ruleset, packet, new AssumedHostFacts(packet.Destination));

    public static FirewallRuleset Iptables(string text, AddressFamily family = AddressFamily.InterNetwork) =>
        IptablesSaveParser.Parse(text, family, "iptables-nft");

    private static PacketQuery Packet(int protocol, int port, string? from, string? to, string? iif)
    {
        var source = from is null ? null : IPAddress.Parse(from);
        var destination = to is null ? null : IPAddress.Parse(to);
        return new PacketQuery
        {
            Family = (source ?? destination)?.AddressFamily ?? AddressFamily.InterNetwork,
            Protocol = protocol,
            DestinationPort = port,
            Source = source,
            Destination = destination,
            InputInterface = iif,
        };
    }
}
