using System.Text.Json;

namespace NetLens.Lab.Tests.Trace;

/// <summary>--flows over two equal-cost paths: one flow stays on one path (Paris-style), many flows show both routers at TTL 2.</summary>
public class TraceFlowsLabTests(TraceEcmpLab lab) : IClassFixture<TraceEcmpLab>
{
    private const int Flows = 16;

    private JsonElement Trace(params string[] arguments)
    {
        var run = NetLensRunner.Run(["--netns", lab.Source.Name, "--json", "trace", "-n", TraceEcmpLab.Target, "--count", "20", "--interval", "0.01", "--timeout", "1", .. arguments]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement;
    }

    [SkippableTheory]
    [InlineData("--udp")]
    [InlineData("--tcp")]
    public void One_constant_flow_meets_one_router_at_the_forking_hop_every_time(string protocol)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var trace = Trace(protocol);

        var hops = TraceRuns.Hops(trace);
        Assert.Equal(3, hops.Count);
        var forkHost = Assert.Single(hops[1].GetProperty("hosts").EnumerateArray()).GetProperty("address").GetString();
        Assert.Contains(forkHost, new[] { TraceEcmpLab.RouterA, TraceEcmpLab.RouterB });
        Assert.Equal(20, hops[1].GetProperty("received").GetInt32());
    }

    [SkippableTheory]
    [InlineData("--udp")]
    [InlineData("--tcp")]
    public void Many_flows_show_both_parallel_routers_each_with_the_flows_it_carried(string protocol)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var trace = Trace(protocol, "--flows", Flows.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(Flows, trace.GetProperty("flows").GetInt32());
        var hops = TraceRuns.Hops(trace);
        Assert.Equal(3, hops.Count);
        Assert.Equal(20 * Flows, hops[1].GetProperty("sent").GetInt32());
        var hosts = hops[1].GetProperty("hosts").EnumerateArray()
            .ToDictionary(h => h.GetProperty("address").GetString()!, h => h.GetProperty("flows").EnumerateArray().Select(f => f.GetInt32()).ToArray());
        Assert.Equal([TraceEcmpLab.RouterA, TraceEcmpLab.RouterB], hosts.Keys.Order());

        // Each flow keeps to one path: the two routers' flows split 0..N-1 between them.
        Assert.Empty(hosts[TraceEcmpLab.RouterA].Intersect(hosts[TraceEcmpLab.RouterB]));
        Assert.Equal(Enumerable.Range(0, Flows), hosts.Values.SelectMany(f => f).Order());
        Assert.Equal(TraceEcmpLab.Target, Assert.Single(hops[2].GetProperty("hosts").EnumerateArray()).GetProperty("address").GetString());
    }
}
