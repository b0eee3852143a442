using System.Text.Json;
using System.Text.RegularExpressions;

namespace NetLens.Lab.Tests.Routing;

/// <summary>`netlens routes --check`: each situation built in a namespace, the findings compared with ip's own listing and answers.</summary>
public partial class RoutesCheckLabTests(RoutesCheckLab lab) : IClassFixture<RoutesCheckLab>
{
    private LabNamespace CheckNs => lab.Check ?? throw new InvalidOperationException(LabPrivileges.SkipReason);

    [SkippableFact]
    public void Every_situation_is_found_once_and_the_check_exits_1()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var (code, findings) = CheckJson(CheckNs);

        Assert.Equal(1, code);
        Assert.Equal(
            ["duplicate-default", "gateway-off-link", "policy-detour", "route-hides-broader", "route-on-down-link", "routes-outside-main", "routes-outside-main", "rule-before-main", "table-unreachable"],
            findings.Select(f => Id(f)).Order());
        Assert.Equal("error", findings[0].GetProperty("severity").GetString());
    }

    [SkippableFact]
    public void A_docker_bridge_inside_a_company_route_takes_part_of_it_as_the_kernel_confirms()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var finding = Single(CheckJson(CheckNs).Findings, "route-hides-broader");

        var routes = Routes(finding);
        Assert.Equal([("narrower", "198.19.17.0/24", "docker"), ("broader", "198.19.0.0/16", "static")], routes.Select(r => (r.Role, r.Destination, r.Origin)));
        Assert.Contains("takes 1/256 of 198.19.0.0/16 via 198.18.0.1 dev lan0", Message(finding), StringComparison.Ordinal);
        Assert.Contains($"dev {RoutesCheckLab.Bridge}", CheckNs.Ip("route get 198.19.17.9"), StringComparison.Ordinal);
        Assert.Contains("via 198.18.0.1 dev lan0", CheckNs.Ip("route get 198.19.18.9"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Wg_quick_rules_send_traffic_past_mains_default_where_the_kernel_sends_it()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var finding = Single(CheckJson(CheckNs).Findings, "policy-detour");

        Assert.Equal([31999u, 32000u], Rules(finding).Select(r => r.Priority));
        var routes = Routes(finding);
        Assert.Equal(("taken", "default dev wg0 table 51820 scope link", "vpn"), (routes[0].Role, routes[0].Ip, routes[0].Origin));
        Assert.Equal(("shown by route -n", "default via 198.18.0.1 dev lan0 metric 100"), (routes[1].Role, routes[1].Ip));
        Assert.Contains("a packet to 192.0.2.1 leaves by default dev wg0 (table 51820)", Message(finding), StringComparison.Ordinal);
        Assert.StartsWith("192.0.2.1 dev wg0 table 51820", CheckNs.Ip("route get 192.0.2.1"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Tables_beside_main_are_named_with_the_rules_that_use_them_and_an_unused_one_is_unreachable()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var findings = CheckJson(CheckNs).Findings;

        var outside = findings.Where(f => Id(f) == "routes-outside-main").ToList();
        var unreachable = Single(findings, "table-unreachable");
        var before = Single(findings, "rule-before-main");

        Assert.Equal(["100", "51820"], outside.Select(f => Routes(f).Single().Table).Order());
        Assert.Equal([100u, 32000u], outside.Select(f => Rules(f).Single().Priority).Order());
        Assert.Equal(("200", "198.18.30.0/24 via 198.18.1.9 dev lan1 table 200"), (Routes(unreachable).Single().Table, Routes(unreachable).Single().Ip));
        Assert.Equal(100u, Rules(before).Single().Priority);
        Assert.Equal("default via 198.18.1.254 dev lan1 table 100", Routes(before).Single().Ip);
    }

    [SkippableFact]
    public void Duplicate_defaults_off_link_gateways_and_links_without_carrier_are_found()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var findings = CheckJson(CheckNs).Findings;

        var duplicate = Routes(Single(findings, "duplicate-default"));
        var offLink = Single(findings, "gateway-off-link");
        var down = Routes(Single(findings, "route-on-down-link"));

        Assert.Equal(["default via 198.18.0.1 dev lan0 metric 100", "default via 198.18.0.2 dev lan0 metric 100"], duplicate.Select(r => r.Ip));
        Assert.Equal("198.18.50.0/24 via 198.18.2.5 dev lan1", Routes(offLink).Single().Ip);
        Assert.Contains("(its networks are 198.18.1.0/24)", Message(offLink), StringComparison.Ordinal);
        Assert.Equal(["198.18.3.0/24", "198.18.60.0/24"], down.Select(r => r.Destination).Order());
        Assert.All(down, r => Assert.EndsWith("linkdown", r.Ip, StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Ecmp_an_onlink_gateway_and_an_idle_bridge_are_not_findings()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var findings = CheckJson(CheckNs).Findings;

        var involved = findings.SelectMany(Routes).Select(r => r.Destination).ToList();

        Assert.DoesNotContain("198.18.11.0/24", involved);
        Assert.DoesNotContain("198.18.52.0/24", involved);
        Assert.DoesNotContain(Routes(Single(findings, "route-on-down-link")), r => r.Ip.Contains(RoutesCheckLab.Bridge, StringComparison.Ordinal));
        Assert.Contains("linkdown", CheckNs.Ip($"route show dev {RoutesCheckLab.Bridge}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Routes_and_rules_in_findings_are_word_for_word_what_ip_lists()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var findings = CheckJson(CheckNs).Findings;
        var ipRoutes = Lines(CheckNs.Ip("-4 route show table all")).ToHashSet();
        var ipRules = Lines(CheckNs.Ip("-4 rule show")).ToHashSet();

        Assert.All(findings.SelectMany(Routes), r => Assert.Contains(r.Ip, ipRoutes));
        Assert.All(findings.SelectMany(Rules), r => Assert.Contains(Spaces().Replace(r.Text, " "), ipRules));
    }

    [SkippableFact]
    public void The_text_groups_findings_by_kind_with_routes_origins_and_fixes()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", CheckNs.Name, "routes", "--check");

        Assert.Equal(1, run.ExitCode);
        var lines = run.Stdout.Split('\n');
        Assert.Equal("error gateway-off-link (1)", lines[0]);
        Assert.Contains("notice routes-outside-main (2)", lines);
        Assert.Contains("    route   198.18.50.0/24 via 198.18.2.5 dev lan1", lines);
        Assert.Contains(lines, l => l.StartsWith("    fix     ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("origin docker: device br-4433db5330c8", StringComparison.Ordinal));
        Assert.Equal("9 findings: 1 error, 5 warnings, 3 notices", lines.Last(l => l.Length > 0));
    }

    [SkippableFact]
    public void A_table_option_keeps_the_findings_about_that_table()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var (code, findings) = CheckJson(CheckNs, "--table", "200");

        Assert.Equal(1, code);
        Assert.Equal(["table-unreachable"], findings.Select(f => Id(f)));
    }

    [SkippableFact]
    public void The_ipv6_side_of_the_same_namespace_is_clean()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var (code, findings) = CheckJson(CheckNs, "-6");

        Assert.Equal(0, code);
        Assert.Empty(findings);
    }

    [SkippableFact]
    public void A_vpn_split_of_the_address_space_beats_the_default_as_the_kernel_confirms()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var ns = lab.Split!;

        var (code, findings) = CheckJson(ns);

        Assert.Equal(1, code);
        var finding = Assert.Single(findings);
        Assert.Equal("split-default", Id(finding));
        Assert.Equal(
            [("lower half", "0.0.0.0/1 via 198.18.201.1 dev tun0", "vpn"), ("upper half", "128.0.0.0/1 via 198.18.201.1 dev tun0", "vpn"), ("shown by route -n", "default via 198.18.0.1 dev lan0 metric 100", "static")],
            Routes(finding).Select(r => (r.Role, r.Ip, r.Origin)));
        Assert.StartsWith("192.0.2.1 via 198.18.201.1 dev tun0", ns.Ip("route get 192.0.2.1"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Connected_routes_and_one_default_are_clean_and_exit_0()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var ns = lab.Clean!;

        var (code, findings) = CheckJson(ns);
        var text = NetLensRunner.Run("--netns", ns.Name, "routes", "--check");

        Assert.Equal(0, code);
        Assert.Empty(findings);
        Assert.Equal(0, text.ExitCode);
        Assert.StartsWith("no findings", text.Stdout, StringComparison.Ordinal);
    }

    private static (int ExitCode, List<JsonElement> Findings) CheckJson(LabNamespace ns, params string[] extra)
    {
        var run = NetLensRunner.Run(["--netns", ns.Name, "--json", "routes", "--check", .. extra]);
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        return (run.ExitCode, [.. json.RootElement.GetProperty("findings").EnumerateArray().Select(e => e.Clone())]);
    }

    private static string? Id(JsonElement finding) => finding.GetProperty("id").GetString();

    private static string Message(JsonElement finding) => finding.GetProperty("message").GetString()!;

    private static JsonElement Single(List<JsonElement> findings, string id) => Assert.Single(findings, f => Id(f) == id);

    private static List<(string Role, string Ip, string Destination, string Table, string Origin)> Routes(JsonElement finding) =>
        [.. finding.GetProperty("routes").EnumerateArray().Select(r => (
            r.GetProperty("role").GetString()!,
            r.GetProperty("ip").GetString()!,
            r.GetProperty("destination").GetString()!,
            r.GetProperty("table").GetString()!,
            r.GetProperty("origin").GetProperty("kind").GetString()!))];

    private static List<(uint Priority, string Text)> Rules(JsonElement finding) =>
        [.. finding.GetProperty("rules").EnumerateArray().Select(r => (r.GetProperty("priority").GetUInt32(), r.GetProperty("text").GetString()!))];

    private static IEnumerable<string> Lines(string ipOutput) =>
        ipOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => Spaces().Replace(l, " ").Trim());

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
