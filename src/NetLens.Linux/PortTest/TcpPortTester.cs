using System.Net;
using NetLens.Core.PortTest;
using NetLens.Core.Scanning;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Scanning;

namespace NetLens.Linux.PortTest;

/// <summary>One TCP connect(): the handshake completing proves the port open; RST closed; silence or an ICMP error filtered.</summary>
public static class TcpPortTester
{
    public static async Task<PortTestResult> TestAsync(IPEndPoint target, TimeSpan timeout, NetworkContext context, CancellationToken cancel)
    {
        var socket = ScanSockets.Factory(context.Netns)(target.AddressFamily);
        var attempt = await ConnectProbe.RunAsync(socket, target, 1, timeout, cancel).ConfigureAwait(false);
        var (state, reason) = attempt.Outcome switch
        {
            ProbeOutcome.Connected => (PortTestState.Open, "syn-ack"),
            ProbeOutcome.Refused => (PortTestState.Closed, "conn-refused"),
            ProbeOutcome.HostUnreachable => (PortTestState.Filtered, "host-unreach"),
            ProbeOutcome.NetworkUnreachable => (PortTestState.Filtered, "net-unreach"),
            ProbeOutcome.Prohibited => (PortTestState.Filtered, "admin-prohibited"),
            _ => (PortTestState.Filtered, "no-response"),
        };
        return new PortTestResult(target, "tcp", state, reason, attempt.Elapsed, 1);
    }
}
