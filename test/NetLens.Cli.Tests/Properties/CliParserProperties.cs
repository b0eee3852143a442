using CsCheck;
using NetLens.Cli.Snapshots;
using NetLens.Cli.Tests.Snapshots;
using NetLens.Core.Routing;
using NetLens.Fuzzing;

namespace NetLens.Cli.Tests.Properties;

/// <summary>
/// Batch files and lines, snapshot files and route get's number words, fed mutated seeds and random bytes, raise
/// nothing but <see cref="Core.UsageException"/>; a snapshot written reads back the same.
/// </summary>
public sealed class CliParserProperties : IDisposable
{
    private const int MutatedCases = 2000;
    private const int RandomCases = 300;

    private readonly string _directory = Directory.CreateTempSubdirectory("netlens-props-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> Targets => [.. CliFuzzTargets.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Mutated_inputs_raise_only_the_typed_parse_error(string name)
    {
        var target = CliFuzzTargets.Named(name);

        Gen.Int.Sample(seed => FuzzRunner.Check(target, Mutator.Mutate(target, new Random(seed))), iter: MutatedCases);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Random_bytes_raise_only_the_typed_parse_error(string name)
    {
        var target = CliFuzzTargets.Named(name);

        Gen.Byte.Array[0, 300].Sample(bytes => FuzzRunner.Check(target, bytes), iter: RandomCases);
    }

    /// <summary>Any part of a rich snapshot, under any metadata, is saved and read back field for field.</summary>
    [Fact]
    public void A_snapshot_saved_reads_back_the_same()
    {
        var rich = RichSnapshot.Create();
        var path = Path.Combine(_directory, "snapshot.json");
        Gen.Select(Gen.Int[0, rich.Links.Count], Gen.Int[0, rich.Addresses.Count], Gen.Int[0, rich.Rules.Count], Gen.Int[0, rich.Routes.Count],
            Gen.String, Gen.String.Null(), Gen.DateTimeOffset).Sample((links, addresses, rules, routes, host, netns, taken) =>
        {
            var snapshot = new RoutingSnapshot([.. rich.Links.Take(links)], [.. rich.Addresses.Skip(addresses)], [.. rich.Rules.Take(rules)], [.. rich.Routes.Skip(routes)]);
            var metadata = new RoutingSnapshotMetadata(taken.ToUniversalTime(), host, netns, "0.0.0");

            RoutingSnapshotFile.Save(snapshot, path, metadata);
            var read = RoutingSnapshotFile.Read(path);

            RichSnapshot.AssertSame(snapshot, read.Snapshot);
            Assert.Equal(metadata, read.Metadata);
        }, iter: 100, threads: 1);
    }

    /// <summary>The seeded run bench/fuzz.sh scales to a million cases per target (NETLENS_FUZZ_CASES).</summary>
    [Theory]
    [MemberData(nameof(Targets))]
    public void A_seeded_fuzz_run_finds_no_untyped_exception(string name)
    {
        var report = FuzzDrive.Run(CliFuzzTargets.Named(name));

        Assert.True(report.Failures == 0, FuzzDrive.Describe(report));
    }
}
