using NetLens.Cli.Hosting;
using NetLens.Core.Routing;

namespace NetLens.Cli.Snapshots;

/// <summary>When, where and by what a snapshot was taken.</summary>
/// <param name="TakenAt">UTC.</param>
/// <param name="Hostname">The host's name (uname).</param>
/// <param name="Netns">The namespace given with --netns, if any.</param>
/// <param name="NetlensVersion">The version of the netlens that wrote the file.</param>
public sealed record RoutingSnapshotMetadata(DateTimeOffset TakenAt, string Hostname, string? Netns, string NetlensVersion)
{
    /// <summary>Now, on this host, by this netlens.</summary>
    public static RoutingSnapshotMetadata Now(string? netns) =>
        new(DateTimeOffset.UtcNow, Environment.MachineName, netns, NetLensVersionAction.Version);
}

/// <summary>A snapshot read back from its file, with its metadata.</summary>
public sealed record SavedRoutingSnapshot(RoutingSnapshotMetadata Metadata, RoutingSnapshot Snapshot);
