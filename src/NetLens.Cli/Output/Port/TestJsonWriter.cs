using NetLens.Cli.Output.Json;
using NetLens.Core.PortTest;

namespace NetLens.Cli.Output.Port;

/// <summary>`port test --json`: state is open, closed, filtered or open|filtered; open is the exit code's yes.</summary>
public sealed record TestDocument(string Host, string Address, int Port, string Protocol, string State, string Reason, double ElapsedMs, int Attempts, string Mechanism, string? ErrorFrom, string? Reply, string? KernelTunnel, TunnelProofDocument? TunnelProof);

/// <summary>The frame sent through a kernel tunnel (`--peer-netns`): out of which device, caught on which, and the peer's rx_packets.</summary>
public sealed record TunnelProofDocument(string LocalDevice, string PeerDevice, bool Arrived, int Frames, ulong? PeerRxPacketsBefore, ulong? PeerRxPacketsAfter, string Detail);

public static class TestJsonWriter
{
    public static void Write(TextWriter output, string host, PortTestResult result)
    {
        var document = new TestDocument(host, result.Target.Address.ToString(), result.Target.Port, result.Protocol, result.StateWord, result.Reason,
            Math.Round(result.Elapsed.TotalMilliseconds, 3), result.Attempts, MechanismWords.Of(result.Mechanism), result.ErrorFrom?.ToString(), result.Reply, result.KernelTunnel,
            result.TunnelProof is { } proof ? new TunnelProofDocument(proof.LocalDevice, proof.PeerDevice, proof.Arrived, proof.Frames, proof.PeerRxBefore, proof.PeerRxAfter, proof.Describe()) : null);
        JsonOutput.Write(output, document);
    }
}
