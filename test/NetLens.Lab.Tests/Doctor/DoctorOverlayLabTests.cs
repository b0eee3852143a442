using System.Text.Json;

namespace NetLens.Lab.Tests.Doctor;

/// <summary>
/// The overlay faults: a vxlan whose underlay (UDP 8472) is dropped by the far side's input or this host's output.
/// doctor walks the underlay packet's steps too and names underlay_blocked with the dropping rule; --fix opens UDP 8472
/// and the printed close restores the ruleset byte for byte.
/// </summary>
public class DoctorOverlayLabTests
{
    private const string PeerDrop = "table inet dovin { chain input { type filter hook input priority 0; policy accept; udp dport 8472 drop; }\n}";
    private const string LocalDrop = "table inet dovout { chain output { type filter hook output priority 0; policy accept; udp dport 8472 drop; }\n}";

    [SkippableFact]
    public void A_healthy_overlay_is_reachable_and_its_underlay_steps_pass()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorOverlayLab();

        var run = lab.DoctorWithPeer();

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var json = Parse(run);
        Assert.Equal("reachable", json.GetProperty("verdict").GetString());

        // the tunnel's underlay as the kernel itself reports it (ip -d -j link)
        using var ip = JsonDocument.Parse(lab.Near.Ip("-d -j link show vxlan42"));
        var data = ip.RootElement[0].GetProperty("linkinfo").GetProperty("info_data");
        var packet = $"udp/{data.GetProperty("port").GetInt32()} to {data.GetProperty("remote").GetString()}";
        Assert.Contains(packet, Step(json, "underlay_route").GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("dev ou0", Step(json, "underlay_route").GetProperty("detail").GetString(), StringComparison.Ordinal);
        foreach (var kind in new[] { "underlay_route", "underlay_firewall", "underlay_neighbour", "underlay_port", "underlay_peer_firewall" })
        {
            Assert.True(Step(json, kind).GetProperty("status").GetString() == "ok", $"{kind}: {run.Stdout}");
        }

        Assert.Equal(0, Connect(lab));
    }

    [SkippableFact]
    public void A_peer_input_drop_of_the_tunnel_port_is_underlay_blocked_with_the_peer_rule()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorOverlayLab();
        DoctorLab.Nft(lab.Far, PeerDrop);
        Assert.NotEqual(0, Connect(lab));

        // without the far side read, the overlay's ARP through the tunnel fails while the remote answers echo
        var blind = AssertUnderlayBlocked(lab.Doctor());
        Assert.Equal(JsonValueKind.Null, blind.GetProperty("cause").GetProperty("rule").ValueKind);
        Assert.Contains("198.18.70.2 answers echo", blind.GetProperty("cause").GetProperty("evidence").GetString(), StringComparison.Ordinal);
        Assert.Equal("skipped", Step(blind, "underlay_peer_firewall").GetProperty("status").GetString());

        var json = AssertUnderlayBlocked(lab.DoctorWithPeer());
        Assert.Equal("nftables inet dovin input rule 1 (handle 2)", json.GetProperty("cause").GetProperty("rule").GetString());
        Assert.Equal("drop", Step(json, "underlay_peer_firewall").GetProperty("status").GetString());
        Assert.Equal("ok", Step(json, "underlay_firewall").GetProperty("status").GetString());
        var fix = json.GetProperty("fixes")[0];
        Assert.Equal("peer", fix.GetProperty("on").GetString());
        Assert.Equal($"netlens --netns {lab.Far.Name} port open 8472/udp --from {DoctorOverlayLab.LocalUnderlay}", fix.GetProperty("command").GetString());
    }

    [SkippableFact]
    public void A_local_output_drop_of_the_tunnel_port_is_underlay_blocked_with_the_local_rule()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorOverlayLab();
        DoctorLab.Nft(lab.Near, LocalDrop);
        Assert.NotEqual(0, Connect(lab));

        var json = AssertUnderlayBlocked(lab.DoctorWithPeer());

        Assert.Equal("nftables inet dovout output rule 1 (handle 2)", json.GetProperty("cause").GetProperty("rule").GetString());
        Assert.Equal("drop", Step(json, "underlay_firewall").GetProperty("status").GetString());
        Assert.Equal("ok", Step(json, "underlay_peer_firewall").GetProperty("status").GetString());
        var fix = json.GetProperty("fixes")[0];
        Assert.Equal("local", fix.GetProperty("on").GetString());
        Assert.Equal($"netlens --netns {lab.Near.Name} port open 8472/udp --direction out --peer {DoctorOverlayLab.RemoteUnderlay}", fix.GetProperty("command").GetString());
    }

    [SkippableFact]
    public void Fix_opens_the_tunnel_port_on_the_peer_and_the_printed_close_restores_its_ruleset_byte_for_byte()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorOverlayLab();
        DoctorLab.Nft(lab.Far, PeerDrop);
        var before = lab.Far.Exec("nft", "list", "ruleset").Stdout;

        var fixedRun = lab.DoctorWithPeer("--fix");

        Assert.True(fixedRun.ExitCode == 0, fixedRun.Stdout + fixedRun.Stderr);
        var json = Parse(fixedRun);
        Assert.Equal("underlay_blocked", json.GetProperty("cause").GetProperty("kind").GetString());
        var fix = json.GetProperty("fixes")[0];
        Assert.True(fix.GetProperty("applied").GetBoolean());
        Assert.Contains("8472/udp", fix.GetProperty("command").GetString(), StringComparison.Ordinal);
        Assert.Equal("reachable", json.GetProperty("after_fix").GetProperty("verdict").GetString());

        // a real connection through the overlay now succeeds
        Assert.Equal(0, Connect(lab));

        var closed = NetLensRunner.Run(fix.GetProperty("undo").GetString()!.Split(' ')[1..]);
        Assert.Equal(0, closed.ExitCode);
        Assert.Equal(before, lab.Far.Exec("nft", "list", "ruleset").Stdout);
    }

    /// <summary>A TCP connection from the near side to the far overlay address: 0 when it is accepted.</summary>
    private static int Connect(DoctorOverlayLab lab) =>
        lab.Near.Exec("python3", "-c", $"import socket; socket.create_connection(('{DoctorOverlayLab.FarOverlay}', {DoctorOverlayLab.Port}), 3).close()").ExitCode;

    private static JsonElement AssertUnderlayBlocked(NetLensRun run)
    {
        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        var json = Parse(run);
        Assert.Equal("blocked", json.GetProperty("verdict").GetString());
        var cause = json.GetProperty("cause");
        Assert.True(cause.GetProperty("kind").GetString() == "underlay_blocked", run.Stdout);
        Assert.Equal("underlay", cause.GetProperty("where").GetString());
        return json;
    }

    private static JsonElement Parse(NetLensRun run)
    {
        Json.JsonSchemaCheck.AssertValid("doctor", run.Stdout);
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }

    private static JsonElement Step(JsonElement json, string kind) =>
        json.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("kind").GetString() == kind);
}
