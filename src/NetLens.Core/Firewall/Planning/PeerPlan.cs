using System.Net;
using NetLens.Core.Addressing;
using NetLens.Core.Firewall.Rulesets;
using NetLens.Core.Firewall.Spec;

namespace NetLens.Core.Firewall.Planning;

/// <summary>
/// The other host's half of a two-host opening, as the sheet does it by hand: where this host accepts input from the
/// peer, the peer lets output to this host out, and the other way round. Printed, never applied: netlens is not there.
/// </summary>
public sealed record PeerPlan(IPAddress Peer, IPAddress Self, string NetlensCommand, IReadOnlyList<string> NftCommands, IReadOnlyList<string> IptablesCommands)
{
    public static PeerPlan Build(IPAddress peer, IPAddress self, ResolvedPorts ports, PortDirection direction)
    {
        var mirrored = direction switch
        {
            PortDirection.In => PortDirection.Out,
            PortDirection.Out => PortDirection.In,
            _ => PortDirection.Both,
        };
        var rules = PortRule.For(ports, mirrored, IpPrefix.Host(self));
        var ip6 = self.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        var nft = rules.Select(r => $"nft insert rule inet filter {(r.Hook == FirewallHook.Input ? "input" : "output")} {NftRuleText.Expression(r)}").ToList();
        var iptables = rules.SelectMany(r => IptablesRuleText.Specs(r).Select(s =>
            $"{(ip6 ? "ip6tables" : "iptables")} -I {(r.Hook == FirewallHook.Input ? "INPUT" : "OUTPUT")} 1 {s}")).ToList();
        var spec = string.Join(' ', ports.Groups.Select(g => g.SpecText));
        var command = $"netlens port open {spec} --peer {self} --direction {mirrored.ToString().ToLowerInvariant()}";
        if (ports.Groups.Count > 1)
        {
            // one SPEC names one protocol: two groups need two calls
            command = string.Join(" && ", ports.Groups.Select(g => $"netlens port open {g.SpecText} --peer {self} --direction {mirrored.ToString().ToLowerInvariant()}"));
        }

        return new PeerPlan(peer, self, command, nft, iptables);
    }
}
