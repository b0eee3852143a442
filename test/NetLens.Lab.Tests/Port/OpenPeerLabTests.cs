using System.Text.Json;

namespace NetLens.Lab.Tests.Port;

/// <summary>
/// The sheet's two-host case: both hosts drop input and output. `open --peer B --direction both` on A, then the command
/// netlens printed for B run on B: TCP passes both ways, where before it passed neither way.
/// </summary>
public class OpenPeerLabTests
{
    [SkippableTheory]
    [InlineData(OpenLabFirewall.Nftables)]
    [InlineData(OpenLabFirewall.IptablesNft)]
    public void The_printed_peer_command_completes_the_two_way_opening(OpenLabFirewall firewall)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(OpenLab.Available(firewall), $"{firewall} is not installed");
        using var lab = new OpenLab(firewall, hardenOutput: true, hardenClient: true);
        using var peerListeners = OpenTraffic.Listen(lab.Client, OpenLab.Port);
        Assert.False(OpenTraffic.TcpPasses(lab.Client, OpenLab.Host4, OpenLab.Port, expectPass: false), "B reaches A before any opening");
        Assert.False(OpenTraffic.TcpPasses(lab.Host, OpenLab.Client4, OpenLab.Port, expectPass: false), "A reaches B before any opening");

        var here = NetLensRunner.Run("--json", "--netns", lab.Host, "port", "open", $"{OpenLab.Port}/tcp", "--peer", OpenLab.Client4.ToString(), "--direction", "both");

        Assert.True(here.ExitCode == 0, here.Stderr);
        using var document = JsonDocument.Parse(here.Stdout);
        var peer = document.RootElement.GetProperty("peer");
        Assert.Equal(OpenLab.Host4.ToString(), peer.GetProperty("self_address").GetString());
        var command = peer.GetProperty("netlens").GetString()!;
        Assert.Equal($"netlens port open {OpenLab.Port}/tcp --peer {OpenLab.Host4} --direction both", command);

        var there = NetLensRunner.Run(["--netns", lab.Client, .. command.Split(' ')[1..]]);

        Assert.True(there.ExitCode == 0, there.Stderr);
        Assert.True(OpenTraffic.TcpPasses(lab.Client, OpenLab.Host4, OpenLab.Port, expectPass: true), "B still cannot reach A");
        Assert.True(OpenTraffic.TcpPasses(lab.Host, OpenLab.Client4, OpenLab.Port, expectPass: true), "A still cannot reach B");
    }
}
