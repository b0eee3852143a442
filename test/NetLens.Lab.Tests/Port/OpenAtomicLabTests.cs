namespace NetLens.Lab.Tests.Port;

/// <summary>Runs alone: it puts a failing ip6tables-nft-restore first on this process's PATH, which every firewall call would see.</summary>
[CollectionDefinition(nameof(OpenAtomicCollection), DisableParallelization = true)]
public sealed class OpenAtomicCollection;

/// <summary>
/// Atomic across tools: when the IPv6 restore fails after the IPv4 one went in, the IPv4 rules are taken back, the
/// exit code is 1 with the tool's own error, and the ruleset lists exactly as before.
/// </summary>
[Collection(nameof(OpenAtomicCollection))]
public sealed class OpenAtomicLabTests : IDisposable
{
    private readonly string _bin = Directory.CreateTempSubdirectory("netlens-failing-").FullName;
    private readonly string? _path = Environment.GetEnvironmentVariable("PATH");

    [SkippableFact]
    public void A_failure_in_a_later_transaction_undoes_the_earlier_ones()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(OpenLab.Available(OpenLabFirewall.IptablesNft), "iptables-nft is not installed");
        using var lab = new OpenLab(OpenLabFirewall.IptablesNft);
        var before = lab.Ruleset();
        var failing = Path.Combine(_bin, "ip6tables-nft-restore");
        File.WriteAllText(failing, "#!/bin/sh\ncat >/dev/null\necho 'ip6tables-nft-restore: line 2 failed' >&2\nexit 1\n");
        Shell.Check("chmod", ["u+x", failing]);
        Environment.SetEnvironmentVariable("PATH", $"{_bin}:{_path}");

        var run = NetLensRunner.Run("--netns", lab.Host, "port", "open", $"{OpenLab.Port}/tcp");

        Environment.SetEnvironmentVariable("PATH", _path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ip6tables-nft-restore --noflush failed (exit 1): ip6tables-nft-restore: line 2 failed", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, lab.Ruleset());
        Assert.False(OpenTraffic.TcpPasses(lab.Client, OpenLab.Host4, OpenLab.Port, expectPass: false), "the IPv4 half stayed open");
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PATH", _path);
        Directory.Delete(_bin, recursive: true);
    }
}
