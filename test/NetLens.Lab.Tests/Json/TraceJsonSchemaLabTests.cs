using System.Text.Json;
using NetLens.Lab.Tests.Trace;

namespace NetLens.Lab.Tests.Json;

/// <summary>trace --json over the chain lab: the routers the lab gave addresses to, in a document its schema accepts.</summary>
public sealed class TraceJsonSchemaLabTests(TraceChainLab lab) : IClassFixture<TraceChainLab>
{
    [SkippableTheory]
    [InlineData("--udp", "udp_error_queue")]
    [InlineData("--icmp", "raw_socket")]
    [InlineData("--tcp", "raw_socket")]
    public void Every_hop_is_the_labs_router_and_the_document_fits_its_schema(string protocol, string mechanism)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Source.Name, "--json", "trace", protocol, TraceChainLab.TargetV4, "--count", "5", "--interval", "0", "--timeout", "1");

        Assert.True(run.ExitCode == 0, run.Stderr);
        JsonSchemaCheck.AssertValid("trace", run.Stdout);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(mechanism, json.RootElement.GetProperty("mechanism").GetString());
        var hops = json.RootElement.GetProperty("hops").EnumerateArray().Select(h => h.GetProperty("hosts")[0].GetProperty("address").GetString());
        Assert.Equal([TraceChainLab.HopV4(1), TraceChainLab.HopV4(2), TraceChainLab.HopV4(3), TraceChainLab.TargetV4], hops);
    }

    [SkippableFact]
    public void Several_flows_fit_the_schema()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Source.Name, "--json", "trace", "-n", TraceChainLab.TargetV6, "--flows", "4", "--count", "3", "--interval", "0", "--timeout", "1");

        Assert.True(run.ExitCode == 0, run.Stderr);
        JsonSchemaCheck.AssertValid("trace", run.Stdout);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(4, json.RootElement.GetProperty("flows").GetInt32());
        Assert.True(json.RootElement.GetProperty("destination_reached").GetBoolean());
    }
}
