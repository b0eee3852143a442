using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Port;
using NetLens.Core.Firewall.Planning;
using NetLens.Core.Firewall.Rulesets;
using NetLens.Core.Firewall.Spec;
using NetLens.Core.Services;
using NetLens.Linux.Firewall;
using NetLens.Linux.Firewall.Transactions;
using NetLens.Linux.Services;

namespace NetLens.Cli.Commands.Port;

/// <summary>
/// The steps open and close share: under the namespace's lock, roll back what an interrupted run left, read the
/// ruleset, plan, journal what the plan touches, apply it in one transaction per tool, edit the services file,
/// persist, and report. A failure anywhere after the journal puts everything back to it.
/// </summary>
internal static class PortChangeRunner
{
    public delegate FirewallPlan Planner(FirewallFacts facts, IReadOnlyList<PortRule> rules, BackendChoice choice);

    /// <summary>How long a change waits for another one in the same namespace before it gives up, naming the holder.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    public static int Run(
        string verb,
        PortChangeRequest request,
        ServiceNaming naming,
        Planner plan,
        PeerPlan? peer,
        List<string> warnings,
        CliOutput output)
    {
        var options = request.Options;
        var tool = new FirewallTool(options.Netns);
        var persister = new FirewallPersister(tool, options.PersistRoot);
        if (options.DryRun)
        {
            var facts = LiveRulesetReader.ReadFacts(tool);
            return Checked(facts, request, warnings, output) ?? Report(verb, request, naming, plan(facts, request.Rules, options.Backend), peer, persister, facts, [], warnings, output);
        }

        // what can be known unwritable fails here, before the firewall is touched
        if (naming.Changes)
        {
            WritablePlaces.CheckFile(options.ServicesFile, "the services file");
        }

        try
        {
            // the lock is held from reading the ruleset to the last write: a second identical open plans from the first's result
            using var session = ChangeSession.Open(tool, StateDirectory.FromEnvironment(), LockWait, output.Interruption.Token);
            if (session.Recover() is { } recovered)
            {
                output.Error.WriteLine($"netlens: warning: an interrupted {recovered.Journal.Describe()} was rolled back{(recovered.Restored.Count > 0 ? $" ({string.Join(", ", recovered.Restored)} restored as they were before it)" : " (it had changed nothing yet)")}");
            }

            var facts = LiveRulesetReader.ReadFacts(tool);
            if (Checked(facts, request, warnings, output) is { } refused)
            {
                return refused;
            }

            var firewallPlan = plan(facts, request.Rules, options.Backend);
            var touched = Touched(firewallPlan);
            var persistPaths = options.Persist ? persister.Targets(touched, facts).Select(t => t.Path).ToList() : [];
            foreach (var path in persistPaths)
            {
                WritablePlaces.CheckFile(path, "--persist");
            }

            IReadOnlyList<PersistedFile> persisted = [];
            if (firewallPlan.ChangesRuleset || naming.Changes)
            {
                var files = naming.Changes ? persistPaths.Append(options.ServicesFile) : persistPaths;
                var journal = session.Record(verb, request.Ports.Text, firewallPlan, files);

                // SIGINT/SIGTERM from here on wait for the change to be whole; the exit code says they came
                using (output.Interruption.Hold())
                {
                    output.Interruption.Token.ThrowIfCancellationRequested();
                    session.Run(journal, () =>
                    {
                        FirewallApplier.Apply(tool, firewallPlan);
                        if (naming.Changes)
                        {
                            ServicesFile.Write(options.ServicesFile, request.Services.Edit(naming.Added, naming.Removed.Select(e => e.Line).ToHashSet()));
                        }

                        if (options.Persist && touched.Count > 0)
                        {
                            // after the change: the files must hold the ruleset as it now is
                            persisted = persister.Write(persister.Targets(touched, LiveRulesetReader.ReadFacts(tool)));
                        }
                    });
                }
            }

            return Report(verb, request, naming, firewallPlan, peer, persister, facts, persisted, warnings, output);
        }
        catch (OperationCanceledException) when (output.Interruption.Requested)
        {
            // stopped while waiting for the lock, or before the first change: nothing was changed
            output.Error.WriteLine("netlens: error: interrupted before the change: nothing was changed");
            return output.Interruption.ExitCode!.Value;
        }
    }

    private static List<(FirewallBackend Backend, string Family)> Touched(FirewallPlan plan) =>
        [.. plan.Applied.Select(c => (c.Chain.Backend, c.Chain.Family))];

    /// <summary>A host whose firewall manager would undo the change is refused (exit 1); a forced backend there is warned about.</summary>
    private static int? Checked(FirewallFacts facts, PortChangeRequest request, List<string> warnings, CliOutput output)
    {
        var options = request.Options;
        if (options.Backend == BackendChoice.Auto && ManagerRefusal(facts, request) is { } refusal)
        {
            output.Error.WriteLine($"netlens: error: {refusal}");
            return ExitCodes.Failure;
        }

        if (options.Backend != BackendChoice.Auto && (facts.UfwManaged || facts.FirewalldManaged))
        {
            warnings.Add($"{(facts.UfwManaged ? "ufw" : "firewalld")} manages this firewall: its next reload drops what netlens adds here");
        }

        return null;
    }

    /// <summary>
    /// Writes the result. Exit 1 when the port stays closed (a chain --backend left out still drops it), whatever
    /// was changed; else 0, or 130/143 when SIGINT/SIGTERM came during the change (which went in whole).
    /// </summary>
    private static int Report(
        string verb,
        PortChangeRequest request,
        ServiceNaming naming,
        FirewallPlan firewallPlan,
        PeerPlan? peer,
        FirewallPersister persister,
        FirewallFacts facts,
        IReadOnlyList<PersistedFile> persisted,
        List<string> warnings,
        CliOutput output)
    {
        var options = request.Options;
        var persistPaths = options.Persist ? persister.Targets(Touched(firewallPlan), facts).Select(t => t.Path).ToList() : [];
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

        var closed = verb == "open" && firewallPlan.LeavesClosed;
        if (closed)
        {
            output.Error.WriteLine($"netlens: error: the port {(options.DryRun ? "would still not be" : "is still not")} open: {string.Join("; ", firewallPlan.StillDropping!)} (--backend left it out: run with --backend auto)");
        }

        return output.Interruption.ExitCode ?? (closed ? ExitCodes.Failure : ExitCodes.Success);
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
