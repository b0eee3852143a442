using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Port;
using NetLens.Core.Firewall.Facts;
using NetLens.Core.Firewall.Planning;
using NetLens.Core.Firewall.Services;
using NetLens.Core.Firewall.Spec;
using NetLens.Linux.Firewall;

namespace NetLens.Cli.Commands.Port;

/// <summary>The steps open and close share: read the ruleset, apply the plan in one transaction per tool, edit the services file, persist, report.</summary>
internal static class PortChangeRunner
{
    public delegate FirewallPlan Planner(FirewallFacts facts, IReadOnlyList<PortRule> rules, BackendChoice choice);

    public static int Run(
        string verb,
        PortChangeRequest request,
        ServiceNaming naming,
        Planner plan,
        Planner undo,
        PeerPlan? peer,
        List<string> warnings,
        CliOutput output)
    {
        var options = request.Options;
        var tool = new FirewallTool(options.Netns);
        var facts = FirewallFactsReader.Read(tool);
        if (options.Backend == BackendChoice.Auto && ManagerRefusal(facts, request) is { } refusal)
        {
            output.Error.WriteLine($"netlens: error: {refusal}");
            return ExitCodes.Failure;
        }

        if (options.Backend != BackendChoice.Auto && (facts.UfwManaged || facts.FirewalldManaged))
        {
            warnings.Add($"{(facts.UfwManaged ? "ufw" : "firewalld")} manages this firewall: its next reload drops what netlens adds here");
        }

        var firewallPlan = plan(facts, request.Rules, options.Backend);
        var persister = new FirewallPersister(tool, options.PersistRoot);
        var touched = firewallPlan.Applied.Select(c => (c.Chain.Backend, c.Chain.Family)).ToList();
        var persistPaths = options.Persist ? persister.Targets(touched, facts).Select(t => t.Path).ToList() : [];
        IReadOnlyList<PersistedFile> persisted = [];
        if (!options.DryRun)
        {
            FirewallApplier.Apply(tool, firewallPlan, backends =>
            {
                var undone = undo(FirewallFactsReader.Read(tool), request.Rules, options.Backend);
                return new FirewallPlan([.. undone.Changes.Where(c => backends.Contains(c.Chain.Backend))], []);
            });
            if (naming.Changes)
            {
                ServicesFile.Write(options.ServicesFile, request.Services.Edit(naming.Added, naming.Removed.Select(e => e.Line).ToHashSet()));
            }

            if (options.Persist && touched.Count > 0)
            {
                // after the change: the files must hold the ruleset as it now is
                persisted = persister.Write(persister.Targets(touched, FirewallFactsReader.Read(tool)));
            }
        }

        var result = new PortChangeResult(verb, request, firewallPlan, naming, peer, persistPaths, persisted, warnings);
        if (options.Json)
        {
            PlanJsonWriter.Write(output.Out, result);
        }
        else
        {
            foreach (var warning in warnings)
            {
                output.Error.WriteLine($"netlens: warning: {warning}");
            }

            PlanTextWriter.Write(output.Out, result);
        }

        return ExitCodes.Success;
    }

    /// <summary>ufw and firewalld rebuild the ruleset from their own configuration: say so, and give their command instead.</summary>
    private static string? ManagerRefusal(FirewallFacts facts, PortChangeRequest request)
    {
        var ports = request.Ports.Groups;
        if (facts.UfwManaged)
        {
            var from = request.Rules.FirstOrDefault()?.Remote is { } r ? $"from {PortRule.PrefixText(r)} " : string.Empty;
            var commands = string.Join(" && ", ports.Select(g => $"ufw allow {from}to any port {g.PortsText.Replace('-', ':')} proto {g.Protocol.Word()}"));
            return $"ufw manages this firewall and rewrites its chains on reload, so a rule added beside it would not last; run `{commands}` (or force --backend nftables|iptables to add it anyway)";
        }

        if (facts.FirewalldManaged)
        {
            var commands = string.Join(" && ", ports.Select(g => $"firewall-cmd --permanent --add-port={g.PortsText}/{g.Protocol.Word()}")) + " && firewall-cmd --reload";
            return $"firewalld manages this firewall and rebuilds its tables on reload, so a rule added beside it would not last; run `{commands}` (or force --backend nftables|iptables to add it anyway)";
        }

        return null;
    }
}
