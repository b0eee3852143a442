using NetLens.Core.PortTest;
using NetLens.Linux.Namespaces;
using NetLens.Linux.PortTest;

namespace NetLens.Engines.Port;

/// <summary>
/// `port test` and `port listen`: proves a port by traffic — a connect or a UDP exchange with netlens's own payload —
/// and answers such probes on the far side, in the command's namespace.
/// </summary>
public sealed class PortProbeEngine(NetworkContext context)
{
    public async Task<PortTestResult> TestAsync(PortTestRequest request, CancellationToken cancellation) =>
        request.Udp
            ? UdpPortTester.Test(request.Target, request.Timeout, request.Attempts, context, cancellation)
            : await TcpPortTester.TestAsync(request.Target, request.Timeout, context, cancellation).ConfigureAwait(false);

    /// <summary>Binds the port (TCP, UDP or both) now, so the caller can say it is ready before anyone probes.</summary>
    public PortListenSession Bind(int port, bool tcp, bool udp) => new(PortListener.Bind(port, tcp, udp, context));
}

/// <summary>A bound `port listen`: what it bound, and the answering, until a count or the token stops it.</summary>
public sealed class PortListenSession(PortListener listener) : IDisposable
{
    /// <summary>"tcp/PORT", "udp/PORT": what is bound.</summary>
    public IEnumerable<string> Bound => listener.Bound;

    /// <summary>Answers until <paramref name="count"/> probes were answered or the token stops it; each answer is reported as it happens.</summary>
    public Task<IReadOnlyList<ListenEvent>> ListenAsync(int? count, IProgress<ListenEvent> answered, CancellationToken cancellation) =>
        listener.RunAsync(count, answered.Report, cancellation);

    public void Dispose() => listener.Dispose();
}
