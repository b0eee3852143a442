using NetLens.Linux.Firewall;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Tests.Firewall;

/// <summary>
/// --persist backups when runs fall in the same instant (the clock is held still, so the test does not depend on how
/// fast the machine is): every run keeps what it found, and the first original is never written over.
/// </summary>
public sealed class FirewallPersisterBackupTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("netlens-persist-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Runs_in_the_same_instant_each_keep_what_they_found_and_the_original_stays()
    {
        var persister = new FirewallPersister(new FirewallTool(NetworkContext.Current), _root, new StillClock());
        var conf = persister.NftablesConf;
        Directory.CreateDirectory(Path.GetDirectoryName(conf)!);
        File.WriteAllText(conf, "# the original file\n");

        var open = Persist(persister, conf, "# open\n");
        var close = Persist(persister, conf, "# close\n");
        var again = Persist(persister, conf, "# again\n");

        Assert.Equal("# again\n", File.ReadAllText(conf));
        Assert.Equal("# the original file\n", File.ReadAllText(FirewallPersister.OriginalPath(conf)));
        Assert.Equal(FirewallPersister.OriginalPath(conf), open.Original);
        Assert.Equal(3, new[] { open.Backup, close.Backup, again.Backup }.Distinct().Count());
        Assert.Equal(
            ["# the original file\n", "# open\n", "# close\n"],
            new[] { open.Backup!, close.Backup!, again.Backup! }.Select(File.ReadAllText));

        // listed by name, as an admin would look for them, the backups are in the order the runs made them
        var listed = Directory.GetFiles(Path.GetDirectoryName(conf)!, "nftables.conf.netlens-*.bak").Order(StringComparer.Ordinal);
        Assert.Equal([open.Backup!, close.Backup!, again.Backup!], listed);
    }

    [Fact]
    public void A_first_run_on_a_host_without_the_file_makes_no_backup()
    {
        var persister = new FirewallPersister(new FirewallTool(NetworkContext.Current), _root, new StillClock());

        var first = Persist(persister, persister.NftablesConf, "# new\n");

        Assert.Null(first.Backup);
        Assert.Equal("# new\n", File.ReadAllText(persister.NftablesConf));
        Assert.False(File.Exists(FirewallPersister.OriginalPath(persister.NftablesConf)));
    }

    private static PersistedFile Persist(FirewallPersister persister, string path, string content) =>
        Assert.Single(persister.Write([(path, () => content)]));

    /// <summary>A clock that never moves: every backup stamp is the same.</summary>
    private sealed class StillClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 12, 6, 14, 0, 0, TimeSpan.Zero);
    }
}
