using System.Net;
using System.Net.NetworkInformation;
using NetLens.Linux.Namespaces;

namespace NetLens.Lab.Tests.Port;

/// <summary>
/// `port check icmp/echo-request` against real pings: with the input policy dropping, ping fails and the check names the
/// policy; once a rule accepts echo requests, ping answers and the check names that rule.
/// </summary>
public class CheckIcmpLabTests
{
    private const string Nft = """
        table inet fw {
          chain input { type filter hook input priority 0; policy drop;
            icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept
            tcp dport 22 accept
          }
        }
        """;

    private const string Iptables = """
        *filter
        :INPUT DROP [0:0]
        :FORWARD ACCEPT [0:0]
        :OUTPUT ACCEPT [0:0]
        -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
        COMMIT
        """;

    [SkippableTheory]
    [InlineData("nft", 4)]
    [InlineData("nft", 6)]
    [InlineData("iptables-nft-restore", 4)]
    [InlineData("iptables-legacy-restore", 4)]
    public void Echo_request_check_agrees_with_ping(string loader, int family)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new CheckLab();
        lab.Load(loader, loader == "nft" ? Nft : Iptables);
        var (client, from, to, iif) = lab.Side("A", family);
        var spec = family == 6 ? "icmpv6/echo-request" : "icmp/echo-request";
        string[] check = ["--netns", lab.Server.Name, "port", "check", spec, "--from", from, "--to", to, "--iif", iif];

        var before = NetLensRunner.Run(check);
        Assert.False(Pings(client, to));
        Assert.Equal(1, before.ExitCode);
        Assert.Contains("new packet: DROPPED", before.Stdout, StringComparison.Ordinal);
        Assert.Matches("(?i)input policy drop", before.Stdout);

        var accept = loader == "nft"
            ? lab.Server.Exec("nft", "add", "rule", "inet", "fw", "input", family == 6 ? "icmpv6" : "icmp", "type", "echo-request", "accept")
            : lab.Server.Exec(loader == "iptables-nft-restore" ? "iptables-nft" : "iptables-legacy", "-A", "INPUT", "-p", "icmp", "--icmp-type", "echo-request", "-j", "ACCEPT");
        Assert.Equal(0, accept.ExitCode);

        var after = NetLensRunner.Run(check);
        Assert.True(Pings(client, to));
        Assert.Equal(0, after.ExitCode);
        Assert.Matches(loader == "nft" ? @"inet fw input rule 3 \(handle \d+\): accept" : "ip filter INPUT rule 2: accept", after.Stdout);
    }

    [SkippableTheory]
    [InlineData("icmp/no-such-type")]
    [InlineData("icmp/echo-request", "--from", "2001:db8::1")]
    public void Bad_icmp_input_exits_2_with_one_line(params string[] args)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run(["port", "check", .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("netlens: error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
    }

    /// <summary>An echo request from the client's namespace (System.Net.Ping's own socket; this machine has no ping(8)), answered or not in 2 s.</summary>
    private static bool Pings(LabNamespace client, string to)
    {
        return NetworkNamespace.Run(client.Name, () =>
        {
            using var ping = new Ping();
            return ping.Send(IPAddress.Parse(to), 2000).Status == IPStatus.Success;
        });
    }
}
