using NetLens.Core.Routing.Checks;

namespace NetLens.Core.Tests.Checks;

public class RoutingCheckerTests
{
    [Fact]
    public void Connected_routes_and_one_default_are_clean()
    {
        var s = new Snapshots().Link("eth0").Link("eth1").Address("eth0", "198.18.0.10/24").Address("eth1", "198.18.1.10/24").DefaultRules();
        s.Route(s.Via("default", "198.18.0.1", "eth0", metric: 100));

        Assert.Empty(RoutingChecker.Check(s.Build()));
    }

    [Fact]
    public void Findings_come_worst_first_and_can_be_narrowed_to_one_table()
    {
        var s = new Snapshots().Link("eth0").Address("eth0", "198.18.0.10/24").DefaultRules();
        s.Route(s.Via("198.18.50.0/24", "198.18.9.9", "eth0")).Route(s.Via("198.18.30.0/24", "198.18.0.9", "eth0", table: 200));

        var findings = RoutingChecker.Check(s.Build());

        Assert.Equal(["gateway-off-link", "table-unreachable"], findings.Select(f => f.Id));
        Assert.Equal(["table-unreachable"], RoutingChecker.InTable(findings, 200).Select(f => f.Id));
    }

    [Fact]
    public void Every_kind_has_a_stable_id()
    {
        Assert.Equal(
            ["route-hides-broader", "policy-detour", "split-default", "rule-before-main", "routes-outside-main", "table-unreachable", "duplicate-default", "gateway-off-link", "route-on-down-link"],
            Enum.GetValues<FindingKind>().Select(FindingKinds.Id));
    }
}
