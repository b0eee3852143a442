namespace NetLens.Lab.Tests.Port;

/// <summary>--persist writes what boot loads, after a backup, and the file loads back into an empty host with the rule in it.</summary>
public sealed class PersistLabTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("netlens-persist-").FullName;

    [SkippableFact]
    public void Nftables_conf_is_backed_up_rewritten_and_loads_the_rule()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new OpenLab(OpenLabFirewall.Nftables);
        var conf = Path.Combine(_root, "etc/nftables.conf");
        Directory.CreateDirectory(Path.GetDirectoryName(conf)!);
        File.WriteAllText(conf, "# the old file\n");

        var run = NetLensRunner.Run("--netns", lab.Host, "port", "open", "8472/udp", "--persist", "--persist-root", _root);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var backup = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(conf)!, "nftables.conf.netlens-*.bak"));
        Assert.Equal("# the old file\n", File.ReadAllText(backup));
        using var boot = LabNamespace.Create("pboot");
        var load = boot.Exec("nft", "-f", conf);
        Assert.True(load.ExitCode == 0, load.Stderr);
        Assert.Contains("comment \"netlens in udp 8472\"", boot.Exec("nft", "list", "ruleset").Stdout, StringComparison.Ordinal);

        // loading it again replaces the table instead of doubling it
        Assert.Equal(0, boot.Exec("nft", "-f", conf).ExitCode);
        Assert.Single(boot.Exec("nft", "list", "ruleset").Stdout.Split('\n'), l => l.Contains("netlens in udp 8472", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Iptables_rules_files_are_written_as_netfilter_persistent_does()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(OpenLab.Available(OpenLabFirewall.IptablesNft), "iptables-nft is not installed");
        using var lab = new OpenLab(OpenLabFirewall.IptablesNft);

        var open = NetLensRunner.Run("--netns", lab.Host, "port", "open", "8472/tcp", "--persist", "--persist-root", _root);

        Assert.True(open.ExitCode == 0, open.Stderr);
        var v4 = File.ReadAllText(Path.Combine(_root, "etc/iptables/rules.v4"));
        var v6 = File.ReadAllText(Path.Combine(_root, "etc/iptables/rules.v6"));
        Assert.Contains("--comment \"netlens in tcp 8472\" -j ACCEPT", v4, StringComparison.Ordinal);
        Assert.Contains("--comment \"netlens in tcp 8472\" -j ACCEPT", v6, StringComparison.Ordinal);
        using var boot = LabNamespace.Create("pboot");
        Assert.Equal(0, Shell.Run("ip", ["netns", "exec", boot.Name, "iptables-nft-restore"], v4).ExitCode);

        var close = NetLensRunner.Run("--netns", lab.Host, "port", "close", "8472/tcp", "--persist", "--persist-root", _root);

        Assert.True(close.ExitCode == 0, close.Stderr);
        Assert.DoesNotContain("netlens", File.ReadAllText(Path.Combine(_root, "etc/iptables/rules.v4")), StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_root, "etc/iptables"), "rules.v4.netlens-*.bak"));
    }

    [SkippableFact]
    public void Dry_run_with_persist_names_the_files_and_writes_none()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new OpenLab(OpenLabFirewall.Nftables);

        var run = NetLensRunner.Run("--netns", lab.Host, "port", "open", "8472/udp", "--persist", "--persist-root", _root, "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"would persist: {Path.Combine(_root, "etc/nftables.conf")}", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
