using System.Text.Json;

namespace NetLens.Lab.Tests.Routing;

/// <summary>`netlens route get` against `ip route get` on the same namespace and the same question.</summary>
public class RouteGetLabTests(RoutingLab lab) : IClassFixture<RoutingLab>
{
    [SkippableTheory]
    [InlineData("198.18.10.7", "198.18.10.7")]
    [InlineData("198.18.150.9", "198.18.150.9")]
    [InlineData("198.18.10.7 mark 0x10", "198.18.10.7 --mark 0x10")]
    [InlineData("198.18.30.5 from 198.18.2.1", "198.18.30.5 --from 198.18.2.1")]
    [InlineData("198.18.11.9", "198.18.11.9")]
    [InlineData("198.18.14.5 uid 1500", "198.18.14.5 --uid 1500")]
    [InlineData("198.18.5.5 mark 0xca6c", "198.18.5.5 --mark 0xca6c")]
    [InlineData("198.18.96.3 tos 0x10", "198.18.96.3 --tos 0x10")]
    [InlineData("198.18.1.7 from 198.18.0.77 iif lab0", "198.18.1.7 --from 198.18.0.77 --iif lab0")]
    [InlineData("198.18.12.4 oif lab1", "198.18.12.4 --oif lab1")]
    [InlineData("198.18.15.9", "198.18.15.9")]
    [InlineData("198.18.0.1", "198.18.0.1")]
    [InlineData("198.18.10.7 ipproto tcp sport 4000 dport 443", "198.18.10.7 --ipproto tcp --sport 4000 --dport 443")]
    [InlineData("2001:db8:10::1", "2001:db8:10::1")]
    [InlineData("2001:db8:11::1", "2001:db8:11::1")]
    [InlineData("2001:db8:30::1 mark 0x10", "2001:db8:30::1 --mark 0x10")]
    [InlineData("2001:db8:ffff::1", "2001:db8:ffff::1")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    public void The_first_line_is_ips_line(string ipQuestion, string netlensQuestion)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var expected = lab.Ns.Ip("route get " + ipQuestion).Split('\n')[0].TrimEnd();

        var run = NetLensRunner.Run(["--netns", lab.Ns.Name, "route", "get", .. netlensQuestion.Split(' ')]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.Stdout.Split('\n')[0]);
    }

    [SkippableTheory]
    [InlineData("198.18.10.7 mark 0x10")]
    [InlineData("198.18.1.7 from 198.18.0.77 iif lab0")]
    [InlineData("to 198.18.10.7 ipproto tcp sport 4000 dport 443")]
    [InlineData("2001:db8:30::1 mark 0x10")]
    [InlineData("198.18.14.5 uid 1500")]
    public void Ips_own_question_pasted_after_r_g_gets_ips_line(string ipQuestion)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var expected = lab.Ns.Ip("route get " + ipQuestion).Split('\n')[0].TrimEnd();

        var run = NetLensRunner.Run(["--netns", lab.Ns.Name, "r", "g", .. ipQuestion.Split(' ')]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(expected, run.Stdout.Split('\n')[0]);
    }

    [SkippableTheory]
    [InlineData("198.18.20.1", "No route to host")]
    [InlineData("198.18.22.1", "Permission denied")]
    [InlineData("198.18.5.5 --mark 0x66", "Permission denied")]
    [InlineData("2001:db8:20::1", "No route to host")]
    [InlineData("2001:db8:22::1", "Permission denied")]
    public void No_route_exits_1_with_the_kernels_reason_in_ips_words(string question, string reason)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var ipQuestion = question.Replace("--", "", StringComparison.Ordinal);
        var ip = lab.Ns.TryIp("route get " + ipQuestion);
        Assert.Equal($"RTNETLINK answers: {reason}", ip.Stderr.Trim());

        var run = NetLensRunner.Run(["--netns", lab.Ns.Name, "route", "get", .. question.Split(' ')]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(reason, run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.TrimEnd().Split('\n'));
    }

    [SkippableFact]
    public void The_explanation_names_the_rule_the_table_and_the_winning_route()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "route", "get", "198.18.10.7", "--mark", "0x10");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("100: from all fwmark 0x10 lookup 100", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"table\s+100", run.Stdout);
        Assert.Contains("route    default via 198.18.1.254 dev lab1 table 100", run.Stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Among_two_metrics_the_explanation_shows_the_lower_one_won()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "route", "198.18.10.7");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("31999: from all lookup main suppress_prefixlength 0", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("198.18.10.0/24 via 198.18.1.254 dev lab1 proto static metric 100", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("origin", run.Stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_default_route_through_the_vpn_table_is_explained_by_the_not_fwmark_rule()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "route", "get", "198.18.150.9");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("32000: not from all fwmark 0xca6c lookup 51820", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("vpn", run.Stdout, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public void Json_is_one_document_with_the_line_the_rule_and_the_matched_route()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var expected = lab.Ns.Ip("route get 198.18.30.5 from 198.18.2.1").Split('\n')[0].TrimEnd();

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "--json", "route", "get", "198.18.30.5", "--from", "198.18.2.1");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.True(root.GetProperty("found").GetBoolean());
        Assert.Equal(expected, root.GetProperty("line").GetString());
        Assert.Equal(200u, root.GetProperty("rule").GetProperty("priority").GetUInt32());
        Assert.Equal("198.18.30.0/24", root.GetProperty("matched_route").GetProperty("destination").GetString());
        Assert.Equal("200", root.GetProperty("answer").GetProperty("table").GetString());
    }
}
