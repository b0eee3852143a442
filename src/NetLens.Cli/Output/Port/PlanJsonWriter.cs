using NetLens.Cli.Commands.Port;
using NetLens.Cli.Output.Json;
using NetLens.Core.Firewall.Planning;
using NetLens.Core.Firewall.Rulesets;
using NetLens.Core.Firewall.Spec;
using NetLens.Engines.Port;

namespace NetLens.Cli.Output.Port;

/// <summary>Maps a <see cref="PortChangeResult"/> to its JSON document.</summary>
internal static class PlanJsonWriter
{
    public static void Write(TextWriter output, PortChangeResult result, PortChangeOptions options)
    {
        var naming = result.Naming;
        var services = options.Name is null ? null : new PlanServicesDocument(
            options.ServicesFile,
            naming.Added,
            [.. naming.Removed.Select(e => result.Request.Services.Lines[e.Line])],
            [.. naming.AlreadyPresent.Select(e => result.Request.Services.Lines[e.Line])]);
        var persist = result.Persisted.Count > 0
            ? result.Persisted.Select(p => new PlanPersistDocument(p.Path, p.Backup, true)).ToList()
            : result.PersistPaths.Select(p => new PlanPersistDocument(p, null, false)).ToList();
        var peer = result.PeerPlan is { } p
            ? new PlanPeerDocument(p.Peer.ToString(), p.Self.ToString(), p.NetlensCommand, p.NftCommands, p.IptablesCommands)
            : null;
        var document = new PlanDocument(
            result.Verb,
            options.Spec,
            [.. result.Request.Ports.Groups.Select(g => new PlanPortsDocument(g.Protocol.Word(), g.PortsText, g.PortCount))],
            result.DryRun,
            result.Changed && !result.DryRun,
            [.. result.Plan.Changes.Select(Change)],
            [.. result.Plan.Batches().Select(b => new PlanTransactionDocument(b.Command, b.Input))],
            services,
            persist,
            peer,
            result.Plan.Notes,
            result.Warnings);
        JsonOutput.Write(output, document);
    }

    private static PlanChangeDocument Change(PlannedChange change) => new(
        change.Action.ToString().ToLowerInvariant(),
        change.Chain.Backend.Word(),
        change.Chain.Family,
        change.Chain.Table,
        change.Chain.Name,
        change.Chain.Place,
        change.Text,
        change.Rule.Comment);
}
