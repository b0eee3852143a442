using System.Text.Json;

namespace NetLens.Lab.Tests.Trace;

/// <summary>A link-local target's zone picks the link the probes leave by; an unknown zone is refused.</summary>
public sealed class TraceZoneLabTests(TraceChainLab lab) : IClassFixture<TraceChainLab>
{
    [SkippableFact]
    public void A_link_local_target_with_its_zone_is_reached_in_one_hop()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        lab.Router(1).Ip("-6 addr add fe80::2/64 dev left1 nodad");

        var run = NetLensRunner.Run("--netns", lab.Source.Name, "--json", "trace", "-n", "-c", "3", "-i", "0", "fe80::2%right1");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var trace = JsonDocument.Parse(run.Stdout);
        Assert.True(trace.RootElement.GetProperty("destination_reached").GetBoolean(), run.Stdout);
        var hop = Assert.Single(trace.RootElement.GetProperty("hops").EnumerateArray());
        Assert.Equal(3, hop.GetProperty("received").GetInt32());
    }

    [SkippableTheory]
    [InlineData("fe80::2%nope")]
    [InlineData("fe80::2%")]
    public void An_unknown_zone_is_refused_with_exit_2(string target)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Source.Name, "trace", "-n", "-c", "1", target);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Single(run.Stderr.TrimEnd().Split('\n'));
    }
}
