using System.Net;
using System.Text.Json;

namespace NetLens.Lab.Tests.Scan;

/// <summary>
/// Blocks that used to break a scan: one holding the link's broadcast address (the kernel refuses to send there without
/// SO_BROADCAST, and every host was lost), and a huge block that no route reaches (a minute and gigabytes, no output).
/// </summary>
public sealed class ScanBoundsLabTests
{
    private const string Block = "198.18.1.0/28";
    private static readonly IPAddress Broadcast = IPAddress.Parse("198.18.1.15");

    [SkippableTheory]
    [InlineData("-sn")]
    [InlineData("-Pn", "-p", "22")]
    [InlineData("-sU", "-p", "53")]
    public void A_block_holding_the_broadcast_address_is_scanned_and_the_broadcast_is_skipped_and_reported(params string[] extra)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var scanner = LabNamespace.Create("bcast");
        using var target = LabNamespace.Create("bcastt");
        VethLink.Connect(scanner, "b0", target, "b1");
        scanner.Ip("addr add 198.18.1.1/28 dev b0");
        target.Ip("addr add 198.18.1.2/28 dev b1");

        var run = NetLensRunner.Run(["--netns", scanner.Name, "--json", "scan", Block, "-T5", .. extra]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var skipped = json.RootElement.GetProperty("skipped").EnumerateArray().Select(s => (s.GetProperty("address").GetString(), s.GetProperty("reason").GetString())).ToList();
        Assert.Contains((Broadcast.ToString(), "broadcast"), skipped);
        var hosts = json.RootElement.GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("address").GetString()!, h => h.GetProperty("status").GetString());
        Assert.DoesNotContain(Broadcast.ToString(), hosts.Keys);
        Assert.Equal("up", hosts["198.18.1.2"]);
        Assert.Equal(16 - skipped.Count, hosts.Count);

        var text = NetLensRunner.Run("--netns", scanner.Name, "scan", Block, "-sn");
        Assert.Contains($"Note: skipped {Broadcast}: a broadcast address of this machine's links, never probed\n", text.Stdout, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData]
    [InlineData("-Pn")]
    [InlineData("-sT", "-Pn")]
    public void A_huge_block_no_route_reaches_fails_at_once_with_one_line(params string[] extra)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var empty = LabNamespace.Create("noroute");

        // the native binary as users run it; the timeout is only a safety net for a run that would hang
        var run = Shell.Run(NativeBinary.Path, ["--netns", empty.Name, "scan", "198.18.0.0/15", "--max-hosts", "99999999", .. extra], timeout: TimeSpan.FromMinutes(2));

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.StartsWith("netlens: error: no route to 198.18.0.0/15", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
    }
}
