using System.Net;
using System.Net.Sockets;
using NetLens.Core.Scanning;
using NetLens.Linux.Probes;

namespace NetLens.Serve.Probing;

/// <summary>
/// netlens's udp prober: one datagram to HOST:PORT, unprivileged, read as nmap's -sU reads it. A reply is open (success),
/// ICMP port unreachable closed, any other unreachable filtered (both failures); silence is open|filtered, a success
/// unless the module sets expect_reply, since a service may well ignore what it was sent.
/// </summary>
public static class UdpModuleProbe
{
    internal static readonly string[] States = ["open", "closed", "filtered", "open_filtered"];

    public static async Task<bool> RunAsync(ProbeContext probe, CancellationToken cancellation)
    {
        if (!TcpModuleProbe.TrySplitHostPort(probe.Target, out var host, out var port))
        {
            probe.Log.Error("Error splitting target address and port", ("err", $"address {probe.Target}: missing port in address"));
            return false;
        }

        var (address, _) = await AddressChoice.ChooseAsync(host, probe.Module.Ip, probe.Metrics, probe.Log, cancellation).ConfigureAwait(false);
        if (address is null || !probe.Allowed(address))
        {
            return false;
        }

        var settings = probe.Module.Udp;
        var payload = settings.Payload ?? UdpPayloads.For(port, address, (ushort)Random.Shared.Next(ushort.MaxValue + 1));
        var target = new IPEndPoint(address, port);
        probe.Log.Info("Sending UDP datagram", ("target", target), ("payload_bytes", payload.Length));
        UdpExchangeResult result;
        try
        {
            // The wait blocks on poll(): on a thread of its own, off the thread pool's async workers.
            result = await Task.Factory.StartNew(() => UdpExchange.Send(target, probe.Module.Ip.Source, payload, AnswerWindow.Of(probe), probe.Network, cancellation),
                cancellation, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            probe.Log.Error("Error sending UDP datagram", ("err", e.Message));
            return false;
        }

        var (state, success) = Verdict(result.Outcome, settings.ExpectReply);
        probe.Metrics.Gauge("probe_udp_reply_bytes", "Length of the reply datagram in bytes, 0 without one").Set(result.ReplyBytes);
        if (result.IcmpType is { } type && result.IcmpCode is { } code)
        {
            probe.Metrics.Gauge("probe_udp_icmp_type", "Type of the ICMP error the datagram drew").Set(type);
            probe.Metrics.Gauge("probe_udp_icmp_code", "Code of the ICMP error the datagram drew").Set(code);
            probe.Log.Info("ICMP error received", ("type", type), ("code", code), ("from", (object?)result.From ?? "unknown"));
        }

        PortStateMetric.Set(probe.Metrics, "netlens_udp_state", "The port's state as nmap -sU names it: 1 on the state found", States, state);
        var outcome = result.Outcome?.ToString() ?? "no reply before the timeout";
        if (success)
        {
            probe.Log.Info("UDP port verdict", ("state", state), ("outcome", outcome), ("reply_bytes", result.ReplyBytes));
        }
        else
        {
            probe.Log.Error("UDP port verdict", ("state", state), ("outcome", outcome), ("expect_reply", settings.ExpectReply));
        }

        return success;
    }

    /// <summary>The state (nmap's, as a label) and probe_success for what one datagram drew; null is silence.</summary>
    internal static (string State, bool Success) Verdict(UdpProbeOutcome? outcome, bool expectReply)
    {
        var (state, _) = outcome is { } drawn ? UdpScanVerdict.Decide(drawn) : UdpScanVerdict.Silent;
        return state switch
        {
            PortState.Open => ("open", true),
            PortState.Closed => ("closed", false),
            PortState.OpenFiltered => ("open_filtered", !expectReply),
            _ => ("filtered", false),
        };
    }
}
