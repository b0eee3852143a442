using System.Globalization;
using NetLens.Core.PortTest;

namespace NetLens.Cli.Output.Port;

/// <summary>`port test` for people: "tcp 198.18.0.1:8080: open (syn-ack) in 0.4 ms".</summary>
public static class TestTextWriter
{
    public static void Write(TextWriter output, string host, PortTestResult result, bool verbose = false)
    {
        var name = host == result.Target.Address.ToString() ? string.Empty : $" ({host})";
        var attempts = result.Protocol == "udp" ? $", {result.Attempts} datagram{(result.Attempts == 1 ? string.Empty : "s")}" : string.Empty;
        output.WriteLine($"{result.Protocol} {result.Target}{name}: {result.StateWord} ({result.Reason}) in {Milliseconds(result.Elapsed)}{attempts}");
        if (result.ErrorFrom is { } from)
        {
            output.WriteLine($"  ICMP error sent by {from}");
        }

        if (result.Reply is { } reply)
        {
            output.WriteLine($"  answered by something other than netlens: \"{reply}\"");
        }

        if (verbose)
        {
            output.WriteLine($"  mechanism: {result.Mechanism}");
        }

        if (result.KernelTunnel is { } tunnel)
        {
            output.WriteLine($"  {tunnel}");
            output.WriteLine(result.TunnelProof is { } proof
                ? $"  a kernel tunnel answers no datagram, so a frame through the tunnel was the proof: {proof.Describe()}"
                : "  a kernel tunnel answers no datagram: netlens cannot prove this port by UDP (give --peer-netns when the far side is a namespace this host can enter: a frame through the tunnel proves it)");
        }
        else if (result.State == PortTestState.OpenFiltered)
        {
            output.WriteLine("  no answer and no ICMP error: a firewall drops it, or nothing there answers UDP (run netlens port listen on the far side to tell)");
        }
    }

    internal static string Milliseconds(TimeSpan elapsed) =>
        elapsed.TotalMilliseconds.ToString(elapsed.TotalMilliseconds < 10 ? "0.00" : "0", CultureInfo.InvariantCulture) + " ms";
}
