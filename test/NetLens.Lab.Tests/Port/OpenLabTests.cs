using System.Net;

namespace NetLens.Lab.Tests.Port;

/// <summary>
/// The proof, per backend: on a hardened host traffic to the port is dropped; after `port open` TCP and UDP pass
/// (IPv4 and IPv6); a second open changes nothing; `port close` blocks again and the ruleset lists as before.
/// </summary>
public class OpenLabTests
{
    public static TheoryData<OpenLabFirewall> Firewalls => [OpenLabFirewall.Nftables, OpenLabFirewall.IptablesNft, OpenLabFirewall.IptablesLegacy];

    [SkippableTheory]
    [MemberData(nameof(Firewalls))]
    public void Open_lets_tcp_and_udp_through_then_close_blocks_them_and_restores_the_ruleset(OpenLabFirewall firewall)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(OpenLab.Available(firewall), $"{firewall} is not installed");
        using var lab = new OpenLab(firewall);
        var before = lab.Ruleset();
        AssertBlocked(lab, OpenLab.Host4);

        var tcp = NetLensRunner.Run("--netns", lab.Host, "port", "open", $"{OpenLab.Port}/tcp");
        var udp = NetLensRunner.Run("--netns", lab.Host, "port", "open", $"{OpenLab.Port}/udp");

        Assert.True(tcp.ExitCode == 0, tcp.Stderr);
        Assert.True(udp.ExitCode == 0, udp.Stderr);
        Assert.True(OpenTraffic.TcpPasses(lab.Client, OpenLab.Host4, OpenLab.Port, expectPass: true), "TCP over IPv4 still dropped after open");
        Assert.True(OpenTraffic.TcpPasses(lab.Client, OpenLab.Host6, OpenLab.Port, expectPass: true), "TCP over IPv6 still dropped after open");
        Assert.True(OpenTraffic.UdpPasses(lab.Client, OpenLab.Host4, OpenLab.Port, lab.Listeners.Udp, expectPass: true), "UDP over IPv4 still dropped after open");
        Assert.True(OpenTraffic.UdpPasses(lab.Client, OpenLab.Host6, OpenLab.Port, lab.Listeners.Udp, expectPass: true), "UDP over IPv6 still dropped after open");

        var opened = lab.Ruleset();
        var again = NetLensRunner.Run("--netns", lab.Host, "port", "open", $"{OpenLab.Port}/tcp");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already open: nothing changed", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(opened, lab.Ruleset());

        var closeTcp = NetLensRunner.Run("--netns", lab.Host, "port", "close", $"{OpenLab.Port}/tcp");
        var closeUdp = NetLensRunner.Run("--netns", lab.Host, "port", "close", $"{OpenLab.Port}/udp");

        Assert.True(closeTcp.ExitCode == 0, closeTcp.Stderr);
        Assert.True(closeUdp.ExitCode == 0, closeUdp.Stderr);
        AssertBlocked(lab, OpenLab.Host4);
        AssertBlocked(lab, OpenLab.Host6);
        Assert.Equal(before, lab.Ruleset());
    }

    [SkippableTheory]
    [MemberData(nameof(Firewalls))]
    public void Dry_run_prints_the_transaction_and_changes_nothing(OpenLabFirewall firewall)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(OpenLab.Available(firewall), $"{firewall} is not installed");
        using var lab = new OpenLab(firewall);
        var before = lab.Ruleset();

        var run = NetLensRunner.Run("--netns", lab.Host, "port", "open", $"{OpenLab.Port}/udp", "--from", OpenLab.Client4.ToString(), "--dry-run");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains(firewall == OpenLabFirewall.Nftables ? "would run: nft -f -" : "-restore --noflush", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("netlens in udp 8472 from 198.18.72.2/32", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, lab.Ruleset());
        Assert.False(OpenTraffic.UdpPasses(lab.Client, OpenLab.Host4, OpenLab.Port, lab.Listeners.Udp, expectPass: false), "dry run let UDP through");
    }

    [SkippableTheory]
    [MemberData(nameof(Firewalls))]
    public void From_limits_the_opening_to_that_source(OpenLabFirewall firewall)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(OpenLab.Available(firewall), $"{firewall} is not installed");
        using var lab = new OpenLab(firewall);

        var run = NetLensRunner.Run("--netns", lab.Host, "port", "open", $"{OpenLab.Port}/tcp", "--from", "198.18.72.0/30");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(OpenTraffic.TcpPasses(lab.Client, OpenLab.Host4, OpenLab.Port, expectPass: true), "TCP from inside --from still dropped");
        Assert.False(OpenTraffic.TcpPasses(lab.Client, OpenLab.Host6, OpenLab.Port, expectPass: false), "an IPv4 --from opened the port to IPv6 too");
    }

    [SkippableFact]
    public void A_thousand_ports_become_one_nft_rule_and_a_port_inside_passes()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new OpenLab(OpenLabFirewall.Nftables);
        var ports = string.Join(',', Enumerable.Range(0, 1000).Select(i => 20000 + (2 * i)).Append(OpenLab.Port));

        var run = NetLensRunner.Run("--netns", lab.Host, "port", "open", $"{ports}/tcp");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Single(lab.Ruleset().Split('\n'), l => l.Contains("comment \"netlens", StringComparison.Ordinal));
        Assert.True(OpenTraffic.TcpPasses(lab.Client, OpenLab.Host4, OpenLab.Port, expectPass: true), "a port inside the set is still dropped");
    }

    [SkippableFact]
    public void A_thousand_ports_become_multiport_rules_of_fifteen_in_iptables()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(OpenLab.Available(OpenLabFirewall.IptablesNft), "iptables-nft is not installed");
        using var lab = new OpenLab(OpenLabFirewall.IptablesNft);
        var ports = string.Join(',', Enumerable.Range(0, 1000).Select(i => 20000 + (2 * i)).Append(OpenLab.Port));

        var run = NetLensRunner.Run("--netns", lab.Host, "port", "open", $"{ports}/udp", "--from", OpenLab.Client4.ToString());

        Assert.True(run.ExitCode == 0, run.Stderr);
        var rules = lab.ExecHost("iptables-nft-save").Stdout.Split('\n').Count(l => l.Contains("--comment \"netlens", StringComparison.Ordinal));
        Assert.Equal(67, rules);
        Assert.True(OpenTraffic.UdpPasses(lab.Client, OpenLab.Host4, OpenLab.Port, lab.Listeners.Udp, expectPass: true), "a port inside the list is still dropped");
    }

    [SkippableFact]
    public void The_rule_goes_before_the_drop_that_would_catch_it()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new OpenLab(OpenLabFirewall.Nftables);
        Assert.False(OpenTraffic.TcpPasses(lab.Client, OpenLab.Host4, 22, expectPass: false));

        // the sheet's `-A INPUT … ACCEPT` would land after `tcp dport 22 drop` and never match
        var run = NetLensRunner.Run("--netns", lab.Host, "port", "open", "22/tcp");
        using (var ssh = OpenTraffic.Listen(lab.Host, 22))
        {
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.True(OpenTraffic.TcpPasses(lab.Client, OpenLab.Host4, 22, expectPass: true), "the accept did not come before the drop");
        }
    }

    private static void AssertBlocked(OpenLab lab, IPAddress to)
    {
        Assert.False(OpenTraffic.TcpPasses(lab.Client, to, OpenLab.Port, expectPass: false), $"TCP to {to} passes on the hardened host");
        Assert.False(OpenTraffic.UdpPasses(lab.Client, to, OpenLab.Port, lab.Listeners.Udp, expectPass: false), $"UDP to {to} passes on the hardened host");
    }
}
