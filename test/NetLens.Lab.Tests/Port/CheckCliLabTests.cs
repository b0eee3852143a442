using System.Text.Json;

namespace NetLens.Lab.Tests.Port;

/// <summary>`port check` as a command: JSON, the docker note, saying "uncertain", a saved ruleset, and bad input.</summary>
public class CheckCliLabTests
{
    private const string Ruleset = """
        table inet fw {
          set web { type inet_service; elements = { 80, 443 } }
          chain input { type filter hook input priority 0; policy drop;
            ct state established,related accept
            iifname "lo" accept
            ip saddr 198.18.90.0/24 tcp dport @web accept comment "web from A"
          }
        }
        """;

    [SkippableFact]
    public void Json_names_the_deciding_rule_with_its_handle_and_text()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new CheckLab();
        lab.Load("nft", Ruleset);

        var run = NetLensRunner.Run("--netns", lab.Server.Name, "--json", "port", "check", "443/tcp", "--from", "198.18.90.2", "--to", "198.18.90.1", "--iif", "nls0");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.True(json.RootElement.GetProperty("accepted").GetBoolean());
        var check = json.RootElement.GetProperty("checks")[0];
        Assert.Equal("accept", check.GetProperty("verdict").GetString());
        var decider = check.GetProperty("decided_by");
        Assert.Equal("nftables", decider.GetProperty("source").GetString());
        Assert.Equal("input", decider.GetProperty("chain").GetString());
        Assert.Equal(3, decider.GetProperty("position").GetInt32());
        Assert.Equal("ip saddr 198.18.90.0/24 tcp dport @web accept comment \"web from A\"", decider.GetProperty("rule").GetString());
        var handle = decider.GetProperty("handle").GetInt64();
        var listed = lab.Server.Exec("nft", "-a", "list", "chain", "inet", "fw", "input").Stdout;
        Assert.Contains($"comment \"web from A\" # handle {handle}", listed, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Without_the_input_device_an_iifname_rule_makes_the_answer_uncertain()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new CheckLab();
        lab.Load("nft", Ruleset);

        var run = NetLensRunner.Run("--netns", lab.Server.Name, "port", "check", "22/tcp", "--from", "198.18.90.2", "--to", "198.18.90.1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("new connection: UNCERTAIN", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("inet fw input rule 2: the rule matches the input device (give --iif)", run.Stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_saved_ruleset_gives_the_live_answer()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new CheckLab();
        lab.Load("nft", Ruleset);
        lab.Load("iptables-nft-restore", "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp -m tcp --dport 443 -j DROP\nCOMMIT");
        var json = Path.GetTempFileName();
        var save = Path.GetTempFileName();
        try
        {
            File.WriteAllText(json, lab.Server.Exec("nft", "-j", "list", "ruleset").Stdout);
            File.WriteAllText(save, lab.Server.Exec("iptables-save").Stdout);
            foreach (var port in new[] { "80", "443", "22" })
            {
                string[] packet = ["port", "check", $"{port}/tcp", "--from", "198.18.90.2", "--to", "198.18.90.1", "--iif", "nls0"];
                var live = NetLensRunner.Run(["--netns", lab.Server.Name, .. packet]);
                var fromJson = NetLensRunner.Run([.. packet, "--ruleset", json]);
                var fromSave = NetLensRunner.Run([.. packet, "--ruleset", save]);

                // nft's listing holds the iptables-nft table too (as nft sees it), so it alone answers for both;
                // the iptables-save text knows only its own INPUT chain
                Assert.Equal(port == "80" ? 0 : 1, live.ExitCode);
                Assert.Equal(live.ExitCode, fromJson.ExitCode);
                Assert.Equal(port == "443" ? 1 : 0, fromSave.ExitCode);
            }
        }
        finally
        {
            File.Delete(json);
            File.Delete(save);
        }
    }

    [SkippableFact]
    public void Docker_published_port_says_forward_decides()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var suite = CheckRulesets.All["docker-like-published-ports"];
        using var lab = new CheckLab(container: true);
        lab.Load(suite.Loads[0].Loader, suite.Loads[0].Text);

        var run = NetLensRunner.Run("--netns", lab.Server.Name, "port", "check", "8081/tcp", "--from", "198.18.91.2", "--to", "198.18.91.1", "--iif", "nls1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("decided by iptables-nft ip filter DOCKER-USER rule 2: drop", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("forwarded to 198.19.0.2 port 81 out of dk0", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("note: docker publishes this port", run.Stdout, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("70000")]
    [InlineData("22/icmp")]
    [InlineData("nosuchservice")]
    [InlineData("22", "--from", "not-an-address")]
    [InlineData("22", "--from", "198.18.90.2", "--to", "2001:db8::1")]
    [InlineData("22", "--ruleset", "/nonexistent/ruleset.json")]
    public void Bad_input_exits_2_with_one_line(params string[] args)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run(["port", "check", .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("netlens: error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Empty(run.Stdout);
    }

    [SkippableFact]
    public void A_ruleset_file_that_is_neither_format_exits_2()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "table inet fw { }\n");

            var run = NetLensRunner.Run("port", "check", "22", "--ruleset", file);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("neither nft JSON", run.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
