using System.Net.Sockets;
using NetLens.Core.Firewall.Evaluation;
using NetLens.Core.Firewall.Rulesets;
using NetLens.Linux.Firewall;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Services;

namespace NetLens.Engines.Port;

/// <summary>
/// `port check`: reads the ruleset (live in the command's namespace, or a saved file), runs the asked packet through it
/// for each family and protocol, in the asked direction (in, out, forward), and reports who decides.
/// </summary>
public sealed class PortCheckEngine(NetworkContext context)
{
    public Task<CheckReport> CheckAsync(PortCheckRequest request, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var spec = CheckedPort.Resolve(request.Spec, ServicesFile.Read(request.ServicesFile), request.ServicesFile);
        var family = request.From?.AddressFamily ?? request.To?.AddressFamily;
        AddressFamily? icmpFamily = spec.IsIcmp ? (spec.Protocols[0] == PacketQuery.Icmpv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork) : null;
        if (icmpFamily is { } own && family is { } given && own != given)
        {
            throw new NetLens.Core.UsageException($"port SPEC {request.Spec}: {(own == AddressFamily.InterNetwork ? "ICMP is IPv4's (give icmpv6 for IPv6)" : "ICMPv6 is IPv6's (give icmp for IPv4)")}");
        }

        family ??= icmpFamily;
        AddressFamily[] families = family is { } only ? [only] : [AddressFamily.InterNetwork, AddressFamily.InterNetworkV6];

        FirewallRuleset ruleset;
        IReadOnlyList<string> sources;
        if (request.RulesetFile is { } file)
        {
            ruleset = LiveRulesetReader.ReadFile(file);
            sources = [file];
        }
        else
        {
            var live = LiveRulesetReader.Read(new FirewallTool(context));
            ruleset = live.Ruleset;
            sources = live.Tools;
        }

        // A saved ruleset is judged on its own: this host's routes say nothing about the host it was saved on.
        using var linuxFacts = request.RulesetFile is null ? new LinuxHostFacts(context.Netns) : null;

        // Judged on its own, a saved ruleset's host owns the asked address only when the packet comes in to it.
        IHostFacts facts = (IHostFacts?)linuxFacts ?? new AssumedHostFacts(request.Direction == PacketDirection.In ? request.To : null);
        var evaluations = new List<CheckEvaluation>();
        foreach (var f in families)
        {
            foreach (var protocol in spec.Protocols)
            {
                var packet = new PacketQuery
                {
                    Family = f,
                    Protocol = protocol,
                    DestinationPort = spec.Port,
                    IcmpType = spec.IcmpType,
                    Source = request.From,
                    Destination = request.To,
                    // a packet this host sends has no input device: nft's iifname is empty there
                    InputInterface = request.Direction == PacketDirection.Out ? string.Empty : request.InputInterface,
                    OutputInterface = request.Direction == PacketDirection.In ? string.Empty
                        : request.OutputInterface ?? (request.To is { } to && linuxFacts is not null ? linuxFacts.OutputDevice(to) : null),
                    Direction = request.Direction,
                };
                evaluations.Add(RulesetEvaluator.Evaluate(ruleset, packet, facts));
            }
        }

        return Task.FromResult(new CheckReport(spec, evaluations, sources, ruleset.Notes));
    }
}
