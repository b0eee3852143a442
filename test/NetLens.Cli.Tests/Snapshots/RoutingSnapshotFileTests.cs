using NetLens.Cli.Hosting;
using NetLens.Cli.Snapshots;
using NetLens.Core;

namespace NetLens.Cli.Tests.Snapshots;

/// <summary>The snapshot file: lossless round trip, metadata, atomic writes, one clear line for anything else.</summary>
public sealed class RoutingSnapshotFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("netlens-snapshot-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    [Fact]
    public void Every_field_survives_a_save_and_a_load()
    {
        var snapshot = RichSnapshot.Create();
        var path = PathOf("rich.json");

        RoutingSnapshotFile.Save(snapshot, path);
        var loaded = RoutingSnapshotFile.Load(path);

        RichSnapshot.AssertSame(snapshot, loaded);
    }

    [Fact]
    public void Metadata_is_written_and_read_back()
    {
        var taken = new DateTimeOffset(2026, 11, 25, 13, 0, 0, 123, TimeSpan.Zero);
        var path = PathOf("meta.json");

        RoutingSnapshotFile.Save(RichSnapshot.Create(), path, new RoutingSnapshotMetadata(taken, "host-a", "nldemo", "1.2.3"));
        var saved = RoutingSnapshotFile.Read(path);

        Assert.Equal(new RoutingSnapshotMetadata(taken, "host-a", "nldemo", "1.2.3"), saved.Metadata);
        Assert.StartsWith("{\"format\":\"netlens-routing-snapshot\",\"version\":1,\"taken_at\":\"2026-11-25T13:00:00.123+00:00\"", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Saving_replaces_the_file_and_leaves_no_temporary_file()
    {
        var path = PathOf("snap.json");
        File.WriteAllText(path, "old");

        RoutingSnapshotFile.Save(RichSnapshot.Create(), path);

        Assert.Equal(["snap.json"], Directory.GetFiles(_directory).Select(Path.GetFileName));
        Assert.Equal(3, RoutingSnapshotFile.Load(path).Routes.Count);
    }

    [Theory]
    [InlineData("", "is not a netlens routing snapshot")]
    [InlineData("198.18.0.0/24 via 198.18.0.1\n", "is not a netlens routing snapshot")]
    [InlineData("{\"routes\":[]}", "is not a netlens routing snapshot")]
    [InlineData("[1,2]", "is not a netlens routing snapshot")]
    [InlineData("{\"format\":\"netlens-routing-snapshot\",\"version\":2,\"routes\":[]}", "has format version 2; this netlens reads version 1")]
    [InlineData("{\"format\":\"netlens-routing-snapshot\",\"version\":1,\"taken_at\":\"2026-11-25T13:00:00Z\"}", "is truncated or damaged")]
    public void A_file_that_is_not_a_snapshot_of_this_version_is_refused_in_one_line(string contents, string expected)
    {
        var path = PathOf("other");
        File.WriteAllText(path, contents);

        var e = Assert.Throws<UsageException>(() => RoutingSnapshotFile.Load(path));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_truncated_snapshot_is_refused_as_truncated()
    {
        var path = PathOf("cut.json");
        RoutingSnapshotFile.Save(RichSnapshot.Create(), path);
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text[..(text.Length * 2 / 3)]);

        var e = Assert.Throws<UsageException>(() => RoutingSnapshotFile.Load(path));

        Assert.Contains("is truncated or damaged", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_missing_file_is_bad_usage()
    {
        var e = Assert.Throws<UsageException>(() => RoutingSnapshotFile.Load(PathOf("nope.json")));

        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Routes_diff_with_a_file_that_is_not_a_snapshot_exits_2_with_one_line()
    {
        var path = PathOf("not-a-snapshot.txt");
        File.WriteAllText(path, "hello\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = NetLensApp.Run(["routes", "--diff", path], new CliOutput(stdout, stderr, outputRedirected: true));

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Equal(string.Empty, stdout.ToString());
        Assert.Single(stderr.ToString().TrimEnd('\n').Split('\n'));
        Assert.StartsWith("netlens: error: ", stderr.ToString(), StringComparison.Ordinal);
    }
}
