using System.Net;
using System.Text.Json;

namespace NetLens.Lab.Tests.Port;

/// <summary>
/// `port check --direction out|forward` against real traffic: the server's OUTPUT drops TCP 80 to client A only, its
/// FORWARD lets A reach B on 443 only. Each check must name the rule set there and agree with a real connect.
/// </summary>
public class CheckDirectionLabTests
{
    private const string Nft = """
        table inet fw {
          chain output { type filter hook output priority 0; policy accept;
            ip daddr 198.18.90.0/24 tcp dport 80 drop
          }
          chain forward { type filter hook forward priority 0; policy drop;
            ct state established,related accept
            iifname "nls0" oifname "nls1" tcp dport 443 accept
          }
        }
        """;

    private const string Iptables = """
        *filter
        :INPUT ACCEPT [0:0]
        :FORWARD DROP [0:0]
        :OUTPUT ACCEPT [0:0]
        -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
        -A FORWARD -i nls0 -o nls1 -p tcp -m tcp --dport 443 -j ACCEPT
        -A OUTPUT -d 198.18.90.0/24 -p tcp -m tcp --dport 80 -j DROP
        COMMIT
        """;

    [SkippableTheory]
    [InlineData("nft")]
    [InlineData("iptables-nft-restore")]
    [InlineData("iptables-legacy-restore")]
    public void Output_and_forward_are_judged_as_the_kernel_does(string loader)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new CheckLab();
        lab.Load(loader, loader == "nft" ? Nft : Iptables);
        Assert.Equal(0, lab.Server.Exec("sysctl", "-qw", "net.ipv4.ip_forward=1").ExitCode);
        lab.ClientA.Ip("route add 198.18.91.0/24 via 198.18.90.1");
        lab.ClientB.Ip("route add 198.18.90.0/24 via 198.18.91.1");
        using var onA = OpenTraffic.Listen(lab.ClientA.Name, 80);
        using var onB80 = OpenTraffic.Listen(lab.ClientB.Name, 80);
        using var onB443 = OpenTraffic.Listen(lab.ClientB.Name, 443);
        var (outRule, fwdRule, fwdPolicy) = loader == "nft"
            ? (@"inet fw output rule 1 \(handle \d+\): drop", @"inet fw forward rule 2 \(handle \d+\): accept", "inet fw forward policy drop")
            : ("ip filter OUTPUT rule 1: drop", "ip filter FORWARD rule 2: accept", "ip filter FORWARD policy drop");

        // out: the server's own connect to A is dropped, to B it passes
        var toA = NetLensRunner.Run("--netns", lab.Server.Name, "port", "check", "80/tcp", "--direction", "out", "--to", "198.18.90.2");
        var toB = NetLensRunner.Run("--netns", lab.Server.Name, "port", "check", "80/tcp", "--direction", "out", "--to", "198.18.91.2");
        Assert.False(OpenTraffic.TcpPasses(lab.Server.Name, IPAddress.Parse("198.18.90.2"), 80, expectPass: false));
        Assert.True(OpenTraffic.TcpPasses(lab.Server.Name, IPAddress.Parse("198.18.91.2"), 80, expectPass: true));
        Assert.Equal(1, toA.ExitCode);
        Assert.Contains("tcp/80 ipv4 out any source to 198.18.90.2 out of nls0, new connection: DROPPED", toA.Stdout, StringComparison.Ordinal);
        Assert.Matches(outRule, toA.Stdout);
        Assert.Equal(0, toB.ExitCode);

        // forward: A reaches B on 443, not on 80
        string[] forward = ["--netns", lab.Server.Name, "port", "check", "--direction", "forward", "--from", "198.18.90.2", "--to", "198.18.91.2", "--iif", "nls0"];
        var https = NetLensRunner.Run([.. forward, "443/tcp"]);
        var http = NetLensRunner.Run([.. forward, "80/tcp"]);
        Assert.True(OpenTraffic.TcpPasses(lab.ClientA.Name, IPAddress.Parse("198.18.91.2"), 443, expectPass: true));
        Assert.False(OpenTraffic.TcpPasses(lab.ClientA.Name, IPAddress.Parse("198.18.91.2"), 80, expectPass: false));
        Assert.Equal(0, https.ExitCode);
        Assert.Matches(fwdRule, https.Stdout);
        Assert.Equal(1, http.ExitCode);
        Assert.Contains(fwdPolicy, http.Stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Json_names_the_direction_and_the_output_device()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new CheckLab();
        lab.Load("nft", Nft);

        var run = NetLensRunner.Run("--netns", lab.Server.Name, "--json", "port", "check", "80/tcp", "--direction", "out", "--from", "198.18.90.1", "--to", "198.18.90.2");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var check = json.RootElement.GetProperty("checks")[0];
        Assert.Equal("out", check.GetProperty("direction").GetString());
        Assert.Equal("nls0", check.GetProperty("oif").GetString());
        Assert.Equal("drop", check.GetProperty("verdict").GetString());
        Assert.Equal("output", check.GetProperty("decided_by").GetProperty("chain").GetString());
    }

    [SkippableTheory]
    [InlineData("--direction", "sideways")]
    [InlineData("--direction", "out", "--iif", "nls0")]
    [InlineData("--oif", "nls0")]
    public void Bad_direction_input_exits_2_with_one_line(params string[] args)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run(["port", "check", "80/tcp", .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("netlens: error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
    }
}
