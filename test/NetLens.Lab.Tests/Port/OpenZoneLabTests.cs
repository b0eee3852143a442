using System.Net;

namespace NetLens.Lab.Tests.Port;

/// <summary>
/// `port open --from fe80::2%ph0`: a link-local client is known by its link, so the accept names the input device as
/// well as the address — traffic from that address over that link passes, the same address's rule on another link
/// lets nothing through, and close with the same words restores the ruleset exactly.
/// </summary>
public class OpenZoneLabTests
{
    private static readonly IPAddress HostLinkLocal = IPAddress.Parse("fe80::1");

    [SkippableTheory]
    [InlineData(OpenLabFirewall.Nftables)]
    [InlineData(OpenLabFirewall.IptablesNft)]
    public void The_zone_is_the_links_device_in_the_accept(OpenLabFirewall firewall)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(OpenLab.Available(firewall), $"{firewall} is not installed");
        using var lab = new OpenLab(firewall);
        Check(Shell.Run("ip", ["-n", lab.Host, "-6", "addr", "add", "fe80::1/64", "dev", "ph0", "nodad"]));
        Check(Shell.Run("ip", ["-n", lab.Client, "-6", "addr", "add", "fe80::2/64", "dev", "pc0", "nodad"]));
        var clientLink = int.Parse(Check(Shell.Run("ip", ["netns", "exec", lab.Client, "cat", "/sys/class/net/pc0/ifindex"])).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var host = new IPAddress(HostLinkLocal.GetAddressBytes(), clientLink);
        var before = lab.Ruleset();
        Assert.False(OpenTraffic.TcpPasses(lab.Client, host, OpenLab.Port, expectPass: false), "the client reaches the host before any opening");

        var elsewhere = NetLensRunner.Run("--netns", lab.Host, "port", "open", $"{OpenLab.Port}/tcp", "--from", "fe80::2%lo");

        Assert.True(elsewhere.ExitCode == 0, elsewhere.Stderr);
        Assert.False(OpenTraffic.TcpPasses(lab.Client, host, OpenLab.Port, expectPass: false), "a rule for fe80::2 on lo let fe80::2 in over ph0");

        var open = NetLensRunner.Run("--netns", lab.Host, "port", "open", $"{OpenLab.Port}/tcp", "--from", "fe80::2%ph0");

        Assert.True(open.ExitCode == 0, open.Stderr);
        Assert.Contains("ph0", open.Stdout, StringComparison.Ordinal);
        Assert.True(OpenTraffic.TcpPasses(lab.Client, host, OpenLab.Port, expectPass: true), "fe80::2 over ph0 is still refused");

        foreach (var zone in new[] { "lo", "ph0" })
        {
            var close = NetLensRunner.Run("--netns", lab.Host, "port", "close", $"{OpenLab.Port}/tcp", "--from", $"fe80::2%{zone}");
            Assert.True(close.ExitCode == 0, close.Stderr);
        }

        Assert.Equal(before, lab.Ruleset());
    }

    [SkippableFact]
    public void An_unknown_zone_changes_nothing_and_exits_2()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(OpenLab.Available(OpenLabFirewall.Nftables), "nftables is not installed");
        using var lab = new OpenLab(OpenLabFirewall.Nftables);
        var before = lab.Ruleset();

        var run = NetLensRunner.Run("--netns", lab.Host, "port", "open", $"{OpenLab.Port}/tcp", "--from", "fe80::2%nope");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("nope", Assert.Single(run.Stderr.TrimEnd().Split('\n')), StringComparison.Ordinal);
        Assert.Equal(before, lab.Ruleset());
    }

    private static string Check(CommandResult result) =>
        result.ExitCode == 0 ? result.Stdout : throw new InvalidOperationException($"lab setup failed: {result.Stderr}");
}
