using System.Net;
using System.Net.Sockets;
using NetLens.Core.Scanning;
using NetLens.Linux.Scanning;

namespace NetLens.Linux.Tests.Scanning;

/// <summary>Loopback needs no privilege: listeners we open are open, ports we freed are closed.</summary>
public class ConnectScannerTests
{
    private static readonly ScanTiming Limits = ScanTiming.Default;

    [Fact]
    public async Task A_listening_port_is_open_and_a_free_one_closed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var open = ((IPEndPoint)listener.LocalEndpoint).Port;
        var closed = FreePort(AddressFamily.InterNetwork);
        var scanner = new ConnectScanner(ScanSockets.Factory(null), 64);

        var found = await scanner.ScanAsync(IPAddress.Loopback, [open, closed], Limits, CancellationToken.None);

        Assert.Contains(new PortResult(open, PortState.Open, PortReason.SynAck), found.Ports);
        Assert.Contains(new PortResult(closed, PortState.Closed, PortReason.ConnRefused), found.Ports);
        Assert.NotNull(found.SmoothedRtt);
    }

    [Fact]
    public async Task A_connect_that_meets_itself_is_closed_not_open()
    {
        // the source port equal to the port asked for, as an ephemeral port sometimes is in a full scan of a local address
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var target = (IPEndPoint)socket.LocalEndPoint!;

        var attempt = await ConnectProbe.RunAsync(socket, target, 1, TimeSpan.FromSeconds(2), CancellationToken.None);

        Assert.Equal(ProbeOutcome.Refused, attempt.Outcome);
    }

    [Fact]
    public async Task Ipv6_loopback_is_scanned_the_same_way()
    {
        using var listener = new TcpListener(IPAddress.IPv6Loopback, 0);
        listener.Start();
        var open = ((IPEndPoint)listener.LocalEndpoint).Port;
        var scanner = new ConnectScanner(ScanSockets.Factory(null), 64);

        var found = await scanner.ScanAsync(IPAddress.IPv6Loopback, [open], Limits, CancellationToken.None);

        Assert.Equal([new PortResult(open, PortState.Open, PortReason.SynAck)], found.Ports);
    }

    [Fact]
    public async Task A_budget_of_one_socket_still_scans_every_port()
    {
        var ports = Enumerable.Range(0, 50).Select(_ => FreePort(AddressFamily.InterNetwork)).Distinct().ToList();
        var scanner = new ConnectScanner(ScanSockets.Factory(null), 1);

        var found = await scanner.ScanAsync(IPAddress.Loopback, ports, Limits, CancellationToken.None);

        Assert.Equal(ports.Order(), found.Ports.Select(p => p.Port));
        Assert.All(found.Ports, p => Assert.Equal(PortState.Closed, p.State));
    }

    [Fact]
    public async Task Running_out_of_descriptors_mid_scan_shrinks_the_budget_instead_of_failing()
    {
        var made = 0;
        var ports = Enumerable.Range(0, 40).Select(_ => FreePort(AddressFamily.InterNetwork)).Distinct().ToList();
        var scanner = new ConnectScanner(
            family => ++made is 5 or 6 ? throw new SocketException((int)SocketError.TooManyOpenSockets) : new Socket(family, SocketType.Stream, ProtocolType.Tcp),
            32);

        var found = await scanner.ScanAsync(IPAddress.Loopback, ports, Limits, CancellationToken.None);

        Assert.Equal(ports.Count, found.Ports.Count);
        Assert.True(scanner.SocketBudget < 32);
    }

    [Fact]
    public async Task Discovery_counts_a_refusal_as_proof_the_host_is_up()
    {
        var scanner = new ConnectScanner(ScanSockets.Factory(null), 8);

        var (isUp, reason, latency) = await HostDiscovery.ConnectPingAsync(scanner, IPAddress.Loopback, Limits, CancellationToken.None);

        // nothing listens on loopback's 80/443 in the test host, or something does: either way it answered
        Assert.True(isUp);
        Assert.True(reason is PortReason.ConnRefused or PortReason.SynAck);
        Assert.NotNull(latency);
    }

    [Theory]
    [InlineData(SocketError.ConnectionRefused, ProbeOutcome.Refused)]
    [InlineData(SocketError.HostUnreachable, ProbeOutcome.HostUnreachable)]
    [InlineData(SocketError.NetworkUnreachable, ProbeOutcome.NetworkUnreachable)]
    [InlineData(SocketError.AccessDenied, ProbeOutcome.Prohibited)]
    [InlineData(SocketError.TimedOut, ProbeOutcome.TimedOut)]
    public void Connect_errors_map_to_outcomes(SocketError error, ProbeOutcome outcome)
    {
        Assert.Equal(outcome, ConnectProbe.Classify(error));
    }

    [Theory]
    [InlineData(1024UL, 10, 950)]
    [InlineData(100UL, 50, 1)]
    [InlineData(1_048_576UL, 10, 4096)]
    public void The_budget_is_the_soft_limit_less_open_descriptors_and_a_reserve(ulong soft, int open, int budget)
    {
        Assert.Equal(budget, FileDescriptorBudget.Compute(soft, open));
    }

    [Fact]
    public async Task Progress_is_reported_while_a_long_scan_runs_and_only_grows()
    {
        var scanner = new ConnectScanner(ScanSockets.Factory(null), 256);
        var reports = new List<(int Settled, long Sent)>();
        var ports = Enumerable.Range(1, 65535).ToList();

        var found = await scanner.ScanAsync(IPAddress.Loopback, ports, Limits, CancellationToken.None, (settled, sent) => reports.Add((settled, sent)));

        Assert.Equal(ports.Count, found.Ports.Count);
        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.InRange(r.Settled, 0, r.Sent));
        Assert.Equal(reports.Select(r => r.Settled).Order(), reports.Select(r => r.Settled));
    }

    [Fact]
    public void The_budget_of_this_process_is_usable()
    {
        Assert.InRange(FileDescriptorBudget.ForScan(), 1, FileDescriptorBudget.Ceiling);
    }

    /// <summary>A port nothing listens on: bound then released (the kernel will not hand it out again at once).</summary>
    private static int FreePort(AddressFamily family)
    {
        using var socket = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(family == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
