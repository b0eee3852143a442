using System.Text.Json;

namespace NetLens.Lab.Tests.Scan;

/// <summary>-sn over a /28 (and a /124) with three live addresses: exactly those are up, as root (raw probes) and as nobody (connects).</summary>
public class DiscoveryLabTests(SynScanLab lab) : IClassFixture<SynScanLab>
{
    [SkippableFact]
    public void Privileged_discovery_of_a_block_finds_exactly_the_live_hosts()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Scanner, "scan", "-sn", SynScanLab.Block, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(SynScanLab.LiveInBlock.Select(a => a.ToString()), UpHosts(run.Stdout, 16, "raw_socket"));
    }

    [SkippableFact]
    public void Privileged_discovery_of_an_ipv6_block_finds_exactly_the_live_hosts()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Scanner, "scan", "-sn", SynScanLab.Block6, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(SynScanLab.LiveInBlock6.Select(a => a.ToString()), UpHosts(run.Stdout, 16, "raw_socket"));
    }

    [SkippableFact]
    public void Unprivileged_discovery_of_a_block_finds_exactly_the_live_hosts()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = AsNobody("scan", "-sn", SynScanLab.Block, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(SynScanLab.LiveInBlock.Select(a => a.ToString()), UpHosts(run.Stdout, 16, "tcp_connect"));
    }

    [SkippableFact]
    public void Discovery_only_prints_nmaps_two_lines_per_live_host_and_the_summary()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Scanner, "scan", "-sn", SynScanLab.Block);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = run.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(7, lines.Length);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"netlens scan report for {SynScanLab.LiveInBlock[i]}", lines[2 * i]);
            Assert.Matches(@"^Host is up \(0\.\d+s latency\)\.$", lines[(2 * i) + 1]);
        }

        Assert.Matches(@"^netlens done: 16 IP addresses \(3 hosts up\) scanned in \d+\.\d\d seconds$", lines[6]);
    }

    [SkippableFact]
    public void A_syn_scan_without_raw_sockets_is_refused_with_exit_3_and_the_fix()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = AsNobody("scan", "-sS", "-Pn", "-p", "22", SynScanLab.Target.ToString());

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("netlens: error: a SYN scan (-sS) needs raw sockets", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("setcap cap_net_raw+ep", run.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Unprivileged_the_default_scan_is_a_connect_scan_with_the_same_states()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = AsNobody("scan", "-p", "1-1000,8080", SynScanLab.Target.ToString(), "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var (mechanism, states) = SynJson.States(run.Stdout);
        Assert.Equal("tcp_connect", mechanism);
        var truth = SynScanLab.Truth([.. Enumerable.Range(1, 1000), 8080])
            .ToDictionary(t => t.Key, t => t.Value.Reason == "reset" ? (t.Value.State, "conn-refused") : t.Value);
        Assert.Equal(truth, states);
    }

    /// <summary>The AOT binary inside the scanner namespace as uid/gid 65534 with no capabilities at all.</summary>
    private NetLensRun AsNobody(params string[] args)
    {
        var result = lab.ExecInScanner(
            "setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", NativeBinary.Path, .. args]);
        return new NetLensRun(result.ExitCode, result.Stdout, result.Stderr);
    }

    private static List<string> UpHosts(string json, int expectedHosts, string mechanism)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(mechanism, Assert.Single(document.RootElement.GetProperty("mechanisms").EnumerateArray()).GetString());
        var hosts = document.RootElement.GetProperty("hosts").EnumerateArray().ToList();
        Assert.Equal(expectedHosts, hosts.Count);
        return [.. hosts.Where(h => h.GetProperty("status").GetString() == "up").Select(h => h.GetProperty("address").GetString()!)];
    }
}
