using System.Net;
using System.Net.NetworkInformation;
using NetLens.Linux.Namespaces;

namespace NetLens.Lab.Tests.Port;

/// <summary>
/// `port open icmp/echo-request` per backend on the hardened lab host: ping is dropped; after open it is answered and
/// `port check` names netlens's rule; a second open changes nothing; `port close` drops ping again and the ruleset
/// lists byte for byte as before.
/// </summary>
public class OpenIcmpLabTests
{
    public static TheoryData<OpenLabFirewall> Firewalls => [OpenLabFirewall.Nftables, OpenLabFirewall.IptablesNft, OpenLabFirewall.IptablesLegacy];

    [SkippableTheory]
    [MemberData(nameof(Firewalls))]
    public void Open_answers_ping_and_close_restores_the_ruleset(OpenLabFirewall firewall)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(OpenLab.Available(firewall), $"{firewall} is not installed");
        using var lab = new OpenLab(firewall);
        var before = lab.Ruleset();
        Assert.False(Pings(lab.Client, OpenLab.Host4), "ping answered on the hardened host");

        var open = NetLensRunner.Run("--netns", lab.Host, "port", "open", "icmp/echo-request");

        Assert.True(open.ExitCode == 0, open.Stderr);
        Assert.True(Pings(lab.Client, OpenLab.Host4), "ping still dropped after open");
        var check = NetLensRunner.Run("--netns", lab.Host, "port", "check", "icmp/echo-request", "--from", OpenLab.Client4.ToString(), "--iif", "ph0");
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("netlens in icmp echo-request", check.Stdout, StringComparison.Ordinal);

        var opened = lab.Ruleset();
        var again = NetLensRunner.Run("--netns", lab.Host, "port", "open", "icmp/echo-request");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already open: nothing changed", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(opened, lab.Ruleset());

        var close = NetLensRunner.Run("--netns", lab.Host, "port", "close", "icmp/echo-request");

        Assert.True(close.ExitCode == 0, close.Stderr);
        Assert.False(Pings(lab.Client, OpenLab.Host4), "ping answered after close");
        Assert.Equal(before, lab.Ruleset());
    }

    [SkippableTheory]
    [InlineData("open", "icmp/echo-nonsense")]
    [InlineData("open", "icmp/echo-request", "--name", "ping")]
    [InlineData("close", "icmpv6/300")]
    public void Bad_icmp_input_exits_2_with_one_line(params string[] args)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run(["port", .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("netlens: error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
    }

    /// <summary>An echo request from the client's namespace (System.Net.Ping's own socket; this machine has no ping(8)), answered or not in 2 s.</summary>
    private static bool Pings(string netns, IPAddress to) => NetworkNamespace.Run(netns, () =>
    {
        using var ping = new Ping();
        return ping.Send(to, 2000).Status == IPStatus.Success;
    });
}
