namespace NetLens.Lab.Tests.Port;

/// <summary>
/// Issue 15 item 4: a step that fails after some of the change went in (a firewall tool, the services file, the persist
/// files) puts everything back; what can be seen to be unwritable is refused before the firewall is touched. Exit 1 with
/// one line; every ruleset lists byte for byte as before.
/// </summary>
public sealed class TransactionFailureLabTests
{
    [SkippableFact]
    public void A_tool_failing_mid_transaction_leaves_every_ruleset_as_it_was()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(TransactionLab.Available, "iptables-nft or nft is not installed");
        using var lab = new TransactionLab();
        var before = lab.Listing();
        var path = lab.FakeTool("ip6tables-nft-restore", "#!/bin/sh\ncat >/dev/null\necho 'ip6tables-nft-restore: line 2 failed' >&2\nexit 1\n");

        var run = lab.Run(new Dictionary<string, string> { ["PATH"] = path }, "open", "8472/udp");

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"^netlens: error: ip6tables-nft-restore --noflush failed \(exit 1\): ip6tables-nft-restore: line 2 failed; the change was rolled back, the firewall is as it was\n$", run.Stderr);
        Assert.Equal(before, lab.Listing());
    }

    [SkippableFact]
    public void A_failure_after_the_firewall_change_rolls_it_back()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(TransactionLab.Available, "iptables-nft or nft is not installed");
        using var lab = new TransactionLab();
        var before = lab.Listing();

        var run = lab.Run(new Dictionary<string, string> { ["NETLENS_FAULT"] = "fail-after-firewall" }, "open", "8472/udp");

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("; the change was rolled back, the firewall is as it was\n", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(before, lab.Listing());
    }

    [SkippableFact]
    public void A_services_file_that_is_a_directory_is_refused_before_any_change()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(TransactionLab.Available, "iptables-nft or nft is not installed");
        using var lab = new TransactionLab();
        var before = lab.Listing();
        var directory = Directory.CreateDirectory(Path.Combine(lab.StateDirectory, "services")).FullName;

        var run = lab.Run(null, "open", "8472/udp", "--name", "otv", "--services-file", directory);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"netlens: error: --services-file \"{directory}\" is a directory (name a file) (see 'netlens port open --help')\n", run.Stderr);
        Assert.Equal(before, lab.Listing());
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_read_only_services_file_or_persist_root_is_refused_before_any_change(bool persist)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(TransactionLab.Available, "iptables-nft or nft is not installed");
        using var lab = new TransactionLab();
        using var readOnly = ReadOnlyMount.Create(Path.Combine(lab.StateDirectory, "ro"), "etc/services", "ssh\t\t22/tcp\n");
        var before = lab.Listing();
        string[] where = persist
            ? ["--persist", "--persist-root", readOnly.Path]
            : ["--name", "otv", "--services-file", System.IO.Path.Combine(readOnly.Path, "etc/services")];

        var run = lab.Run(null, ["open", "8472/udp", .. where]);

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"^netlens: error: cannot write .+: Read-only file system; nothing was changed\n$", run.Stderr);
        Assert.Equal(before, lab.Listing());
        Assert.Equal("ssh\t\t22/tcp\n", File.ReadAllText(System.IO.Path.Combine(readOnly.Path, "etc/services")));
    }
}

/// <summary>A tmpfs mounted read-only with one file in it: root writes through mode bits, not through a read-only mount.</summary>
public sealed class ReadOnlyMount : IDisposable
{
    private ReadOnlyMount(string path) => Path = path;

    public string Path { get; }

    public static ReadOnlyMount Create(string path, string file, string content)
    {
        Directory.CreateDirectory(path);
        Shell.Check("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", path]);
        var mount = new ReadOnlyMount(path);
        try
        {
            var full = System.IO.Path.Combine(path, file);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
            Shell.Check("mount", ["-o", "remount,ro", path]);
        }
        catch
        {
            mount.Dispose();
            throw;
        }

        return mount;
    }

    public void Dispose() => Shell.Run("umount", [Path]);
}
