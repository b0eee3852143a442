using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NetLens.Core.Scanning;
using NetLens.Linux.Scanning;

namespace NetLens.Serve.Probing;

/// <summary>blackbox's tcp prober, connect only: the target is HOST:PORT, success is a completed handshake (the scan's connect probe).</summary>
public static class TcpModuleProbe
{
    public static async Task<bool> RunAsync(ProbeContext probe, CancellationToken cancellation)
    {
        // Blackbox 0.23 registers this whether or not the connect succeeds; no query_response here, so it stays 0.
        probe.Metrics.Gauge("probe_failed_due_to_regex", "Indicates if probe failed due to regex").Set(0);
        if (!TrySplitHostPort(probe.Target, out var host, out var port))
        {
            probe.Log.Error("Error splitting target address and port", ("err", $"address {probe.Target}: missing port in address"));
            return false;
        }

        var (address, _) = await AddressChoice.ChooseAsync(host, probe.Module.Ip, probe.Metrics, probe.Log, cancellation).ConfigureAwait(false);
        if (address is null || !probe.Allowed(address))
        {
            return false;
        }

        Socket socket;
        try
        {
            socket = probe.Network.Run(() => new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
            if (probe.Module.Ip.Source is { } source)
            {
                socket.Bind(new IPEndPoint(source, 0));
            }
        }
        catch (SocketException e)
        {
            probe.Log.Error("Error dialing TCP", ("err", e.Message));
            return false;
        }

        probe.Log.Info("Dialing TCP without TLS");
        var attempt = await ConnectProbe.RunAsync(socket, new IPEndPoint(address, port), 1, probe.Remaining, cancellation).ConfigureAwait(false);
        if (attempt.Outcome != ProbeOutcome.Connected)
        {
            probe.Log.Error("Error dialing TCP", ("err", attempt.Outcome.ToString()));
            return false;
        }

        probe.Log.Info("Successfully dialed");
        return true;
    }

    /// <summary>Go's net.SplitHostPort for what a target can be: HOST:PORT or [IPv6]:PORT.</summary>
    internal static bool TrySplitHostPort(string target, out string host, out ushort port)
    {
        host = "";
        port = 0;
        var colon = target.LastIndexOf(':');
        if (colon <= 0 || !ushort.TryParse(target.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port))
        {
            return false;
        }

        host = target[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        return host.Length > 0;
    }
}
