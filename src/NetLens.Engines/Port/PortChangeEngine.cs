using NetLens.Core.Firewall.Planning;
using NetLens.Core.Firewall.Rulesets;
using NetLens.Core.Firewall.Spec;
using NetLens.Linux.Firewall;
using NetLens.Linux.Firewall.Transactions;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Services;

namespace NetLens.Engines.Port;

/// <summary>
/// `port open` and `port close`: under the namespace's lock, roll back what an interrupted run left, read the
/// ruleset, plan, journal what the plan touches, apply it in one transaction per tool, edit the services file,
/// persist, and report. A failure anywhere after the journal puts everything back to it. From the journal to the last
/// write the change holds the user's stop off (<paramref name="holdStop"/>): it goes in whole, then the command stops.
/// </summary>
/// <param name="context">The namespace whose firewall is changed.</param>
/// <param name="holdStop">Holds a stop request off until the returned handle is disposed (the cancellation token stays uncancelled meanwhile).</param>
/// <param name="state">Where the lock and the journal live (NETLENS_STATE_DIR, or /run/netlens, when not given).</param>
public sealed class PortChangeEngine(NetworkContext context, Func<IDisposable> holdStop, StateDirectory? state = null)
{
    private readonly StateDirectory _state = state ?? StateDirectory.FromEnvironment();

    private delegate FirewallPlan Planner(FirewallFacts facts, IReadOnlyList<PortRule> rules, BackendChoice choice);

    /// <summary>How long a change waits for another one in the same namespace before it gives up, naming the holder.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Adds the rules (and the services line), or with <see cref="PortChange.DryRun"/> only plans them; with a peer,
    /// also plans the peer's half from the address this host would send from. <paramref name="recovered"/> hears of an
    /// interrupted change rolled back first. Cancelled while waiting for the lock or before the change: nothing changed.
    /// </summary>
    public Task<PortChangeOutcome> OpenAsync(PortChange change, IProgress<ChangeRolledBack>? recovered, CancellationToken cancellation)
    {
        var warnings = change.Ports.Warnings.ToList();
        PeerPlan? peer = null;
        if (change.Peer is { } address)
        {
            var self = SourceAddress.Toward(address, context);
            if (self is null)
            {
                warnings.Add($"no route to the peer {address} from here: its half of the plan cannot name this host's address");
            }
            else
            {
                peer = PeerPlan.Build(address, self, change.Ports, change.Direction);
            }
        }

        return Task.FromResult(Run("open", change, FirewallPlanner.PlanOpen, peer, warnings, recovered, cancellation));
    }

    /// <summary>Finds the rules open added for the same ports and options (by their comment) and removes them, and the services line.</summary>
    public Task<PortChangeOutcome> CloseAsync(PortChange change, IProgress<ChangeRolledBack>? recovered, CancellationToken cancellation) =>
        // closing names the same port again: a protocol warning was said at open time
        Task.FromResult(Run("close", change, FirewallPlanner.PlanClose, null, [], recovered, cancellation));

    private PortChangeOutcome Run(
        string verb, PortChange change, Planner plan, PeerPlan? peer, List<string> warnings, IProgress<ChangeRolledBack>? recovered, CancellationToken cancellation)
    {
        var naming = change.Naming;
        var tool = new FirewallTool(context);
        var persister = new FirewallPersister(tool, change.PersistRoot);
        if (change.DryRun)
        {
            var facts = LiveRulesetReader.ReadFacts(tool);
            return Checked(facts, change, warnings) ?? Result(verb, change, plan(facts, change.Rules, change.Backend), peer, persister, facts, [], warnings);
        }

        // what can be known unwritable fails here, before the firewall is touched
        if (naming.Changes)
        {
            WritablePlaces.CheckFile(change.ServicesFile, "the services file");
        }

        // the lock is held from reading the ruleset to the last write: a second identical open plans from the first's result
        using var session = ChangeSession.Open(tool, _state, LockWait, cancellation);
        if (session.Recover() is { } rolledBack)
        {
            recovered?.Report(new ChangeRolledBack(rolledBack.Journal.Describe(), rolledBack.Restored));
        }

        var current = LiveRulesetReader.ReadFacts(tool);
        if (Checked(current, change, warnings) is { } refused)
        {
            return refused;
        }

        var firewallPlan = plan(current, change.Rules, change.Backend);
        var touched = Touched(firewallPlan);
        var persistPaths = change.Persist ? persister.Targets(touched, current).Select(t => t.Path).ToList() : [];
        foreach (var path in persistPaths)
        {
            WritablePlaces.CheckFile(path, "--persist");
        }

        IReadOnlyList<PersistedFile> persisted = [];
        if (firewallPlan.ChangesRuleset || naming.Changes)
        {
            var files = naming.Changes ? persistPaths.Append(change.ServicesFile) : persistPaths;
            var journal = session.Record(verb, change.Ports.Text, firewallPlan, files);

            // a stop from here on waits for the change to be whole; the caller learns of it from its own signal
            using (holdStop())
            {
                cancellation.ThrowIfCancellationRequested();
                session.Run(journal, () =>
                {
                    FirewallApplier.Apply(tool, firewallPlan);
                    if (naming.Changes)
                    {
                        ServicesFile.Write(change.ServicesFile, change.Services.Edit(naming.Added, naming.Removed.Select(e => e.Line).ToHashSet()));
                    }

                    if (change.Persist && touched.Count > 0)
                    {
                        // after the change: the files must hold the ruleset as it now is
                        persisted = persister.Write(persister.Targets(touched, LiveRulesetReader.ReadFacts(tool)));
                    }
                });
            }
        }

        return Result(verb, change, firewallPlan, peer, persister, current, persisted, warnings);
    }

    private static List<(FirewallBackend Backend, string Family)> Touched(FirewallPlan plan) =>
        [.. plan.Applied.Select(c => (c.Chain.Backend, c.Chain.Family))];

    /// <summary>A host whose firewall manager would undo the change is refused; a forced backend there is warned about.</summary>
    private static PortChangeOutcome? Checked(FirewallFacts facts, PortChange change, List<string> warnings)
    {
        if (change.Backend == BackendChoice.Auto && ManagerRefusal(facts, change) is { } refusal)
        {
            return new PortChangeOutcome(null, refusal);
        }

        if (change.Backend != BackendChoice.Auto && (facts.UfwManaged || facts.FirewalldManaged))
        {
            warnings.Add($"{(facts.UfwManaged ? "ufw" : "firewalld")} manages this firewall: its next reload drops what netlens adds here");
        }

        return null;
    }

    private static PortChangeOutcome Result(
        string verb,
        PortChange change,
        FirewallPlan firewallPlan,
        PeerPlan? peer,
        FirewallPersister persister,
        FirewallFacts facts,
        IReadOnlyList<PersistedFile> persisted,
        List<string> warnings)
    {
        var persistPaths = change.Persist ? persister.Targets(Touched(firewallPlan), facts).Select(t => t.Path).ToList() : [];
        return new PortChangeOutcome(new PortChangeResult(verb, change, firewallPlan, change.Naming, peer, persistPaths, persisted, warnings), null);
    }

    /// <summary>ufw and firewalld rebuild the ruleset from their own configuration: say so, and give their command instead.</summary>
    private static string? ManagerRefusal(FirewallFacts facts, PortChange change)
    {
        var ports = change.Ports.Groups;
        if (facts.UfwManaged)
        {
            var from = change.Rules.FirstOrDefault()?.Remote is { } r ? $"from {PortRule.PrefixText(r)} " : string.Empty;
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
