using NetLens.Core.Firewall.Planning;
using NetLens.Core.Services;
using NetLens.Linux.Firewall;

namespace NetLens.Engines.Port;

/// <summary>What one open or close planned and did, for the writers.</summary>
public sealed record PortChangeResult(
    string Verb,
    PortChange Request,
    FirewallPlan Plan,
    ServiceNaming Naming,
    PeerPlan? PeerPlan,
    IReadOnlyList<string> PersistPaths,
    IReadOnlyList<PersistedFile> Persisted,
    IReadOnlyList<string> Warnings)
{
    public bool DryRun => Request.DryRun;

    public bool Changed => Plan.ChangesRuleset || Naming.Changes;

    /// <summary>An open that leaves the port closed: a chain the backend choice left out still drops it.</summary>
    public bool LeavesClosed => Verb == "open" && Plan.LeavesClosed;
}

/// <summary>
/// How a change ended: its result, or the reason it was refused before anything was read into a plan (a firewall
/// manager such as ufw would undo it).
/// </summary>
public sealed record PortChangeOutcome(PortChangeResult? Result, string? Refusal);

/// <summary>
/// A change an earlier run left half done (killed mid-way), rolled back before this one: what it was, and the files
/// put back as they were before it (none when it had changed nothing yet).
/// </summary>
public sealed record ChangeRolledBack(string Change, IReadOnlyList<string> Restored);
