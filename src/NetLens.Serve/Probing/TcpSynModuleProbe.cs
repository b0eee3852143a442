using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using NetLens.Core.Scanning;
using NetLens.Linux.Probes;
using NetLens.Linux.Scanning;

namespace NetLens.Serve.Probing;

/// <summary>
/// netlens's tcp_syn prober: the SYN scan's half-open probe to HOST:PORT over a raw socket. SYN/ACK is open (success;
/// the kernel's RST closes the half-open connection, so the service never sees an accept), RST closed, silence or an ICMP
/// unreachable after the scan's retries filtered. Without CAP_NET_RAW the probe fails and the log says why.
/// </summary>
public static class TcpSynModuleProbe
{
    internal static readonly string[] States = ["open", "closed", "filtered"];

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

        if (!ProbeCapabilities.Detect(address.AddressFamily, probe.Network.Netns).RawSocket)
        {
            probe.Log.Error("Error opening raw socket", ("err", CapabilityHint));
            return false;
        }

        var timing = TimingTemplate.ForRawProbes(TimingTemplate.For(TimingTemplate.Default)) with
        {
            HostTimeout = AnswerWindow.Of(probe),
        };
        probe.Log.Info("Sending TCP SYN", ("target", new IPEndPoint(address, port)));
        PortResult? found;
        try
        {
            // The scan blocks on poll(): on a thread of its own, off the thread pool's async workers.
            found = await Task.Factory.StartNew(() => Scan(probe, address, port, timing, cancellation), cancellation,
                TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            probe.Log.Error("Error opening raw socket", ("err", e.SocketErrorCode == SocketError.AccessDenied ? CapabilityHint : e.Message));
            return false;
        }
        catch (IOException e)
        {
            probe.Log.Error("Error sending TCP SYN", ("err", e.Message));
            return false;
        }

        var state = found?.State switch
        {
            PortState.Open => "open",
            PortState.Closed => "closed",
            _ => "filtered",
        };
        PortStateMetric.Set(probe.Metrics, "netlens_tcp_syn_state", "The port's state as nmap -sS names it: 1 on the state found", States, state);
        var reason = found?.Reason.ToString() ?? "no answer before the timeout";
        if (state == "open")
        {
            probe.Log.Info("TCP SYN verdict", ("state", state), ("reason", reason));
            return true;
        }

        probe.Log.Error("TCP SYN verdict", ("state", state), ("reason", reason));
        return false;
    }

    private const string CapabilityHint = "a raw socket needs CAP_NET_RAW (run netlens serve as root, or sudo setcap cap_net_raw+ep on netlens)";

    private static PortResult? Scan(ProbeContext probe, IPAddress address, ushort port, ScanTiming timing, CancellationToken cancellation)
    {
        using var session = new RawProbeSession(probe.Network.Netns, BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(sizeof(uint))));
        var hosts = new SynScanner(session).Scan([address], [port], timing, new SendRate(), progress: null, cancellation);
        return hosts[0]?.Ports.Count > 0 ? hosts[0]!.Ports[0] : null;
    }
}
