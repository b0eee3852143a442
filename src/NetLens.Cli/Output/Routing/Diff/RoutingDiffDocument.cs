using NetLens.Cli.Output.Json;

namespace NetLens.Cli.Output.Routing.Diff;

/// <summary>`netlens routes --diff FILE --json`: what differs between the snapshot and the kernel now.</summary>
public sealed record RoutingDiffDocument
{
    public required DiffSnapshotJson Snapshot { get; init; }

    /// <summary>How many routes, rules and addresses differ; 0 means none (exit 0).</summary>
    public required int Differences { get; init; }

    public required IReadOnlyList<ChangeJson<RouteJson>> Routes { get; init; }

    public required IReadOnlyList<ChangeJson<RuleJson>> Rules { get; init; }

    public required IReadOnlyList<ChangeJson<AddressJson>> Addresses { get; init; }
}

public sealed record DiffSnapshotJson(string File, DateTimeOffset TakenAt, string Hostname, string? Netns, string NetlensVersion);

/// <summary>One difference: "added" has only after, "removed" only before, "changed" both and the fields that differ.</summary>
public sealed record ChangeJson<T>(string Change, T? Before, T? After, IReadOnlyList<string>? Fields)
    where T : class;

/// <summary>An interface address; <see cref="Ip"/> is its line in ip addr's words.</summary>
public sealed record AddressJson(string Family, string Device, string Local, int PrefixLength, string? Peer, string Ip);

/// <summary>`netlens routes --save FILE --json`: the snapshot written (as `routes --diff` names it) and what it holds.</summary>
public sealed record RoutingSaveDocument(DiffSnapshotJson Snapshot, SavedCountsJson Saved);

public sealed record SavedCountsJson(int Routes, int Rules, int Links, int Addresses);
