using System.Text.Json;
using NetLens.Lab.Tests.Doctor;

namespace NetLens.Lab.Tests.Port;

/// <summary>
/// `port test REMOTE:8472/udp --peer-netns FAR` across a real vxlan (DoctorOverlayLab): the kernel answers no datagram on
/// a tunnel's port, so netlens proves it with a frame through the tunnel that the peer's vxlan42 catches. Ground truth:
/// the peer's own rx_packets (ip -s link) and, with the port dropped, the nft drop rule's counter.
/// </summary>
public sealed class TestTunnelLabTests
{
    [SkippableFact]
    public void A_frame_through_the_tunnel_proves_its_port_open()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorOverlayLab();

        var run = PortTest(lab);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var json = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal(("open", "tunnel-frame"), (json.GetProperty("state").GetString(), json.GetProperty("reason").GetString()));
        var proof = json.GetProperty("tunnel_proof");
        Assert.True(proof.GetProperty("arrived").GetBoolean());
        Assert.Equal(("vxlan42", "vxlan42"), (proof.GetProperty("local_device").GetString(), proof.GetProperty("peer_device").GetString()));
        var before = proof.GetProperty("peer_rx_packets_before").GetUInt64();
        var after = proof.GetProperty("peer_rx_packets_after").GetUInt64();
        Assert.True(after >= before + 1, $"the peer's rx_packets went {before} → {after}");
        Assert.True(PeerRxPackets(lab) >= after);
    }

    [SkippableFact]
    public void A_dropped_tunnel_port_is_filtered_and_the_drop_rule_counted_the_frames()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorOverlayLab();
        DoctorLab.Nft(lab.Far, $"table inet nlvxdrop {{ chain input {{ type filter hook input priority 0; policy accept; udp dport {DoctorOverlayLab.VxlanPort} counter drop; }}\n}}");

        var run = PortTest(lab);
        var text = NetLensRunner.Run(["--netns", lab.Near.Name, "port", "test", $"{DoctorOverlayLab.RemoteUnderlay}:{DoctorOverlayLab.VxlanPort}/udp", "--peer-netns", lab.Far.Name, "--timeout", "0.6", "--attempts", "2"]);

        Assert.Equal(1, run.ExitCode);
        var json = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal(("filtered", "no-tunnel-frame"), (json.GetProperty("state").GetString(), json.GetProperty("reason").GetString()));
        var proof = json.GetProperty("tunnel_proof");
        Assert.False(proof.GetProperty("arrived").GetBoolean());
        var frames = proof.GetProperty("frames").GetInt32();
        Assert.Equal(3, frames);
        var counted = lab.Far.Exec("nft", "list", "table", "inet", "nlvxdrop").Stdout;
        var packets = int.Parse(System.Text.RegularExpressions.Regex.Match(counted, @"counter packets (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(packets >= frames + 2, $"the drop rule counted {packets} packets for {frames} + 2 frames:\n{counted}");
        Assert.Contains("2 frames sent out of vxlan42 never arrived on the peer's vxlan42", text.Stdout);
        Assert.Equal(1, text.ExitCode);
    }

    private static NetLensRun PortTest(DoctorOverlayLab lab) =>
        NetLensRunner.Run(["--netns", lab.Near.Name, "--json", "port", "test", $"{DoctorOverlayLab.RemoteUnderlay}:{DoctorOverlayLab.VxlanPort}/udp", "--peer-netns", lab.Far.Name, "--timeout", "0.9"]);

    private static ulong PeerRxPackets(DoctorOverlayLab lab)
    {
        using var shown = JsonDocument.Parse(lab.Far.Ip("-s -j link show vxlan42"));
        return shown.RootElement[0].GetProperty("stats64").GetProperty("rx").GetProperty("packets").GetUInt64();
    }
}
