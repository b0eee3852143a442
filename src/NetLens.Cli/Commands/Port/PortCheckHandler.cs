using System.Net.Sockets;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Port;
using NetLens.Core.Firewall.Evaluation;
using NetLens.Linux.Firewall.Rulesets;

namespace NetLens.Cli.Commands.Port;

/// <summary>Reads the ruleset (live or saved), runs the asked packet through it for each family and protocol, and says who decides.</summary>
public static class PortCheckHandler
{
    public static int Run(PortCheckOptions options, CliOutput output)
    {
        var services = PortCheckServices.Load(options.ServicesFile);
        var spec = CheckPortSpec.Parse(options.Spec, services.Find, services.ProtocolsOf);
        var family = options.From?.AddressFamily ?? options.To?.AddressFamily;
        AddressFamily[] families = family is { } only ? [only] : [AddressFamily.InterNetwork, AddressFamily.InterNetworkV6];

        FirewallRuleset ruleset;
        IReadOnlyList<string> sources;
        if (options.RulesetFile is { } file)
        {
            ruleset = LiveRulesetReader.ReadFile(file);
            sources = [file];
        }
        else
        {
            var live = LiveRulesetReader.Read(options.Netns);
            ruleset = live.Ruleset;
            sources = live.Tools;
        }

        // A saved ruleset is judged on its own: this host's routes say nothing about the host it was saved on.
        using var linuxFacts = options.RulesetFile is null ? new LinuxHostFacts(options.Netns) : null;
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
                    Source = options.From,
                    Destination = options.To,
                    InputInterface = options.InputInterface,
                };
                evaluations.Add(RulesetEvaluator.Evaluate(ruleset, packet, (IHostFacts?)linuxFacts ?? new AssumedHostFacts(options.To)));
            }
        }

        var report = new CheckReport(spec, evaluations, sources, ruleset.Notes);
        if (options.Json)
        {
            CheckJsonWriter.Write(output.Out, report);
        }
        else
        {
            CheckTextWriter.Write(output.Out, report, options.Verbose);
        }

        return report.Accepted ? ExitCodes.Success : ExitCodes.Failure;
    }
}
