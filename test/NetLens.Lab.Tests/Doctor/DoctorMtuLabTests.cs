using System.Text.Json;

namespace NetLens.Lab.Tests.Doctor;

/// <summary>
/// doctor's mtu step against links of different MTU: client —1500— router —1400— server. With the router's frag-needed
/// dropped, big DF packets vanish (mtu_blackhole); with it let through, the path MTU is 1400, as the kernel caches it.
/// </summary>
public class DoctorMtuLabTests
{
    private const int ServerLinkMtu = 1400;

    [SkippableFact]
    public void Big_DF_packets_that_vanish_without_frag_needed_are_an_mtu_black_hole()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = NarrowServerLink();
        DoctorLab.Nft(lab.Router, "table inet dkmtu { chain output { type filter hook output priority 0; policy accept; icmp type destination-unreachable icmp code frag-needed drop; }\n}");

        var run = lab.Doctor($"{DoctorLab.ServerAddress}:{DoctorLab.Port}");

        var json = Parse(run);
        Assert.True(json.GetProperty("verdict").GetString() == "degraded", run.Stdout);
        var cause = json.GetProperty("cause");
        Assert.Equal("mtu_blackhole", cause.GetProperty("kind").GetString());
        Assert.Equal("path", cause.GetProperty("where").GetString());
        var step = Step(json, "mtu");
        Assert.Equal("drop", step.GetProperty("status").GetString());
        Assert.Contains($"{ServerLinkMtu + 1}-byte DF probes vanish, {ServerLinkMtu} pass", step.GetProperty("detail").GetString());

        // Ground truth: no frag-needed reached the client, so its kernel cached no lower MTU.
        Assert.DoesNotContain("mtu", lab.Client.Ip($"route get {DoctorLab.ServerAddress}"));
    }

    [SkippableFact]
    public void With_frag_needed_let_through_the_path_mtu_is_the_narrow_links()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = NarrowServerLink();

        var run = lab.Doctor($"{DoctorLab.ServerAddress}:{DoctorLab.Port}");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        var json = Parse(run);
        Assert.Equal("reachable", json.GetProperty("verdict").GetString());
        var step = Step(json, "mtu");
        Assert.Equal("ok", step.GetProperty("status").GetString());
        Assert.StartsWith($"path MTU {ServerLinkMtu} ", step.GetProperty("detail").GetString());
        Assert.Contains($"mtu {ServerLinkMtu}", lab.Client.Ip($"route get {DoctorLab.ServerAddress}"));
    }

    private static DoctorLab NarrowServerLink()
    {
        var lab = new DoctorLab();
        try
        {
            lab.Router.Ip($"link set dr1 mtu {ServerLinkMtu}");
            lab.Server.Ip($"link set ds0 mtu {ServerLinkMtu}");
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    private static JsonElement Parse(NetLensRun run)
    {
        Json.JsonSchemaCheck.AssertValid("doctor", run.Stdout);
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }

    private static JsonElement Step(JsonElement json, string kind) =>
        json.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("kind").GetString() == kind);
}
