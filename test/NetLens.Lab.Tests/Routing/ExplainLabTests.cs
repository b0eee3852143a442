using System.Text.Json;

namespace NetLens.Lab.Tests.Routing;

/// <summary>`route get --explain` on the routing lab: the rules it passed and why, the competing routes with their metrics, the winner.</summary>
public class ExplainLabTests(RoutingLab lab) : IClassFixture<RoutingLab>
{
    [SkippableFact]
    public void The_first_line_is_ips_and_every_rule_before_the_deciding_one_says_why_it_did_not_match()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var expected = lab.Ns.Ip("route get 198.18.10.7").Split('\n')[0].TrimEnd();

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "route", "get", "198.18.10.7", "--explain");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n');
        Assert.Equal(expected, lines[0]);
        Assert.Contains("answered  in-process", run.Stdout, StringComparison.Ordinal);
        AssertRule(lines, "no match", "50: from all fwmark 0x66 prohibit", "fwmark 0x66/0xffffffff ≠ 0x0");
        AssertRule(lines, "no match", "200: from 198.18.2.1 lookup 200", "does not contain the unset source");
        AssertRule(lines, "no match", "300: from all uidrange 1000-1999 lookup 100", "uid 0 outside 1000-1999");
        AssertRule(lines, "DECIDED", "31999: from all lookup main suppress_prefixlength 0", "answered by 198.18.10.0/24");
        AssertRule(lines, "not reached", "32000: not from all fwmark 0xca6c lookup 51820", null);
    }

    [SkippableFact]
    public void The_competing_routes_are_listed_longest_prefix_first_with_their_metrics()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "route", "get", "198.18.10.7", "--explain");

        var lines = run.Stdout.Split('\n');
        var winner = Array.FindIndex(lines, l => l.Contains("WINNER", StringComparison.Ordinal));
        Assert.Contains("198.18.10.0/24 via 198.18.1.254 dev lab1 proto static metric 100", lines[winner], StringComparison.Ordinal);
        Assert.Contains("/24, metric 100", lines[winner + 1], StringComparison.Ordinal);
        Assert.Contains("198.18.10.0/24 via 198.18.0.254 dev lab0 metric 200", lines[winner + 2], StringComparison.Ordinal);
        Assert.Contains("same prefix, metric 200 > the winner's 100", lines[winner + 3], StringComparison.Ordinal);
        Assert.Contains("default via 198.18.0.254 dev lab0", lines[winner + 4], StringComparison.Ordinal);
        Assert.Contains("/0 is shorter than the winner's /24", lines[winner + 5], StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_throw_route_passes_the_lookup_to_the_next_rule_and_says_so()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var expected = lab.Ns.Ip("route get 198.18.23.9").Split('\n')[0].TrimEnd();

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "route", "get", "198.18.23.9", "--explain");

        Assert.Equal(expected, run.Stdout.Split('\n')[0]);
        Assert.Contains("throw route 198.18.23.0/24: the lookup goes on to the next rule", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("table 51820", expected, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Ecmp_is_answered_by_the_kernel_and_the_nexthops_with_their_weights_are_shown()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var expected = lab.Ns.Ip("route get 198.18.11.9").Split('\n')[0].TrimEnd();

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "route", "get", "198.18.11.9", "--explain");

        Assert.Equal(expected, run.Stdout.Split('\n')[0]);
        Assert.Contains("answered  by the kernel (RTM_GETROUTE), because ECMP", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("nexthop via 198.18.0.253 dev lab0 weight 1", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("nexthop via 198.18.1.253 dev lab1 weight 3", run.Stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_refusal_exits_1_and_names_the_unreachable_route()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "route", "get", "198.18.20.1", "--explain");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No route to host", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("unreachable route 198.18.20.0/24: No route to host", run.Stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Json_explain_is_one_document_with_rules_tables_and_competing_routes()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var expected = lab.Ns.Ip("route get 198.18.10.7 mark 0x10").Split('\n')[0].TrimEnd();

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "--json", "route", "get", "198.18.10.7", "--mark", "0x10", "--explain");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(expected, root.GetProperty("line").GetString());
        Assert.Equal("engine", root.GetProperty("answered_by").GetString());
        var rules = root.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal("not_matched", rules.Single(r => r.GetProperty("priority").GetUInt32() == 50).GetProperty("verdict").GetString());
        Assert.Equal("decided", rules.Single(r => r.GetProperty("priority").GetUInt32() == 100).GetProperty("verdict").GetString());
        var table = root.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("table_id").GetUInt32() == 100);
        var routes = table.GetProperty("routes").EnumerateArray().ToList();
        Assert.Equal("default", routes.Single(r => r.GetProperty("verdict").GetString() == "winner").GetProperty("ip").GetString()!.Split(' ')[0]);
        Assert.Equal(0, routes[0].GetProperty("prefix_length").GetInt32());
    }

    private static void AssertRule(string[] lines, string verdict, string rule, string? why)
    {
        var at = Array.FindIndex(lines, l => l.TrimStart().StartsWith(verdict, StringComparison.Ordinal) && l.EndsWith(rule, StringComparison.Ordinal));
        Assert.True(at >= 0, $"no line \"{verdict} … {rule}\"");
        if (why is not null)
        {
            Assert.Contains(why, lines[at + 1], StringComparison.Ordinal);
        }
    }
}
