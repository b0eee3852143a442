using NetLens.Core.Firewall.Planning;
using NetLens.Core.Services;
using NetLens.Linux.Firewall;

namespace NetLens.Cli.Commands.Port;

/// <summary>What one open or close planned and did, for the writers.</summary>
internal sealed record PortChangeResult(
    string Verb,
    PortChangeRequest Request,
    FirewallPlan Plan,
    ServiceNaming Naming,
    PeerPlan? PeerPlan,
    IReadOnlyList<string> PersistPaths,
    IReadOnlyList<PersistedFile> Persisted,
    IReadOnlyList<string> Warnings)
{
    public bool DryRun => Request.Options.DryRun;

    public bool Changed => Plan.ChangesRuleset || Naming.Changes;
}
