using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Json;
using NetLens.Cli.Output.Routing.Diff;
using NetLens.Cli.Snapshots;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Diff;
using NetLens.Engines.Routing;
using NetLens.Linux.Config;
using NetLens.Linux.Namespaces;

namespace NetLens.Cli.Commands.Routing;

/// <summary>`routes --save FILE` writes a snapshot; `routes --diff FILE` compares the kernel now with one (exit 1: differences).</summary>
public static class RoutesSnapshotHandler
{
    public static async Task<int> SaveAsync(RoutesOptions options, string path, CliOutput output)
    {
        var names = IpNamesFiles.OnDemand();
        var table = TableSelection.Parse(options.Table, names);
        var snapshot = RoutingSnapshots.Narrow(await ReadKernelAsync(options, output).ConfigureAwait(false), options.Family, table);
        var metadata = RoutingSnapshotMetadata.Now(options.Netns);
        RoutingSnapshotFile.Save(snapshot, path, metadata);
        if (options.Json)
        {
            JsonOutput.Write(output.Out, new RoutingSaveDocument(
                new DiffSnapshotJson(path, metadata.TakenAt, metadata.Hostname, metadata.Netns, metadata.NetlensVersion),
                new SavedCountsJson(snapshot.Routes.Count, snapshot.Rules.Count, snapshot.Links.Count, snapshot.Addresses.Count)));
        }

        output.Error.WriteLine(
            $"netlens: saved {snapshot.Routes.Count} routes, {snapshot.Rules.Count} rules, {snapshot.Links.Count} links and {snapshot.Addresses.Count} addresses to {path}");
        return ExitCodes.Success;
    }

    public static async Task<int> DiffAsync(RoutesOptions options, string path, CliOutput output)
    {
        // the file first: a wrong file is bad usage, whatever the kernel says
        var saved = RoutingSnapshotFile.Read(path);
        var names = IpNamesFiles.OnDemand();
        var table = TableSelection.Parse(options.Table, names);
        var before = RoutingSnapshots.Narrow(saved.Snapshot, options.Family, table);
        var after = RoutingSnapshots.Narrow(await ReadKernelAsync(options, output).ConfigureAwait(false), options.Family, table);
        var diff = RoutingDiffer.Compare(before, after);
        var beforeWords = new ChangeWords(names, before.InterfaceNames, before.Rules);
        var afterWords = new ChangeWords(names, after.InterfaceNames, after.Rules);

        if (options.Json)
        {
            var document = new RoutingDiffDocument
            {
                Snapshot = new DiffSnapshotJson(path, saved.Metadata.TakenAt, saved.Metadata.Hostname, saved.Metadata.Netns, saved.Metadata.NetlensVersion),
                Differences = diff.Count,
                Routes = [.. diff.Routes.Select(c => ToJson(c, r => ChangeJsonMapper.Route(r, beforeWords), r => ChangeJsonMapper.Route(r, afterWords)))],
                Rules = [.. diff.Rules.Select(c => ToJson(c, r => ChangeJsonMapper.Rule(r, beforeWords), r => ChangeJsonMapper.Rule(r, afterWords)))],
                Addresses = [.. diff.Addresses.Select(c => ToJson(
                    c,
                    a => ChangeJsonMapper.Address(a, before.InterfaceNames, beforeWords),
                    a => ChangeJsonMapper.Address(a, after.InterfaceNames, afterWords)))],
            };
            JsonOutput.Write(output.Out, document);
        }
        else
        {
            RoutingDiffTextWriter.Write(output.Out, diff, beforeWords, afterWords);
        }

        var taken = saved.Metadata.TakenAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture);
        output.Error.WriteLine(diff.IsEmpty
            ? $"netlens: no difference since {path} (taken {taken} on {saved.Metadata.Hostname})"
            : $"netlens: {diff.Routes.Count} route, {diff.Rules.Count} rule and {diff.Addresses.Count} address differences since {path} (taken {taken} on {saved.Metadata.Hostname})");
        return diff.IsEmpty ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static Task<RoutingSnapshot> ReadKernelAsync(RoutesOptions options, CliOutput output) =>
        new RoutesEngine(NetworkContext.For(options.Netns)).SnapshotAsync(output.Interruption.Token);

    private static ChangeJson<TJson> ToJson<T, TJson>(Change<T> change, Func<T, TJson> before, Func<T, TJson> after)
        where T : class
        where TJson : class => new(
            ChangeJsonMapper.KindWord(change.Kind),
            change.Before is { } b ? before(b) : null,
            change.After is { } a ? after(a) : null,
            change.Kind == ChangeKind.Changed ? change.Fields : null);
}
