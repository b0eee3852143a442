using System.Net;
using NetLens.Core.Links;
using NetLens.Core.PortTest;
using NetLens.Core.Sockets;
using NetLens.Linux.Firewall;
using NetLens.Linux.Namespaces;
using NetLens.Linux.PortTest;
using NetLens.Linux.Routing;

namespace NetLens.Engines.Port;

/// <summary>
/// `port test` and `port listen`: proves a port by traffic — a connect or a UDP exchange with netlens's own payload —
/// and answers such probes on the far side, in the command's namespace.
/// </summary>
public sealed class PortProbeEngine(NetworkContext context)
{
    public async Task<PortTestResult> TestAsync(PortTestRequest request, CancellationToken cancellation)
    {
        if (!request.Udp)
        {
            return await TcpPortTester.TestAsync(request.Target, request.Timeout, context, cancellation).ConfigureAwait(false);
        }

        var result = UdpPortTester.Test(request.Target, request.Timeout, request.Attempts, context, cancellation);
        if (TunnelHolding(request.Target) is not { } tunnel)
        {
            return result;
        }

        result = result with { KernelTunnel = tunnel };
        if (request.PeerNetns is not { } peer)
        {
            return result;
        }

        var proof = ProveTunnel(request.Target, peer, request.Timeout, request.Attempts, out var missing);
        return proof is null
            ? result with { KernelTunnel = $"{tunnel}; {missing}" }
            : result with
            {
                TunnelProof = proof,
                State = proof.Arrived ? PortTestState.Open : PortTestState.Filtered,
                Reason = proof.Arrived ? "tunnel-frame" : "no-tunnel-frame",
            };
    }

    /// <summary>Binds the port (TCP, UDP or both) now, so the caller can say it is ready before anyone probes.</summary>
    public PortListenSession Bind(int port, bool tcp, bool udp)
    {
        // the kernel's tunnel socket holds the port without SO_REUSEPORT: say whose it is, not just "in use"
        if (udp && TunnelLinks.Read(context).FirstOrDefault(l => l.Tunnel!.Port == port) is { } tunnel)
        {
            throw new IOException($"udp/{port} is held by the kernel's {tunnel.Tunnel!.Kind} tunnel {KernelTunnelSockets.Describe(tunnel)}: no process can listen there (port test from the peer says whose it is)");
        }

        return new(PortListener.Bind(port, tcp, udp, context));
    }

    /// <summary>
    /// A frame through this namespace's tunnel to <paramref name="target"/> (its remote and port), looked for on the
    /// peer's device of the same id; null, with the reason, when there is no such tunnel on either side.
    /// </summary>
    public TunnelProof? ProveTunnel(IPEndPoint target, string peerNetns, TimeSpan timeout, int attempts, out string? missing)
    {
        if (TunnelTo(target) is not { } local)
        {
            missing = $"this host has no tunnel whose remote is {target}";
            return null;
        }

        return TunnelProofProbe.Run(local, context, peerNetns, timeout, attempts, out missing);
    }

    /// <summary>This namespace's tunnel whose remote is the target, on the target's port.</summary>
    private Link? TunnelTo(IPEndPoint target) =>
        TunnelLinks.Read(context).FirstOrDefault(l => l.Tunnel!.Port == target.Port && target.Address.Equals(l.Tunnel.Remote));

    /// <summary>A vxlan of this namespace on the target's port: the target is this host's (its kernel holds the port) or the tunnel's remote (the peer's kernel does).</summary>
    private string? TunnelHolding(IPEndPoint target)
    {
        var tunnels = TunnelLinks.Read(context).Where(l => l.Tunnel!.Port == target.Port).ToList();
        if (tunnels.FirstOrDefault(l => target.Address.Equals(l.Tunnel!.Remote)) is { } toPeer)
        {
            return $"the far end of this host's {toPeer.Tunnel!.Kind} tunnel {KernelTunnelSockets.Describe(toPeer)}: the peer's kernel holds udp/{target.Port}";
        }

        if (tunnels.Count > 0)
        {
            using var facts = new LinuxHostFacts(context.Netns);
            if (IPAddress.IsLoopback(target.Address) || facts.IsLocal(target.Address))
            {
                return $"held by the kernel's {tunnels[0].Tunnel!.Kind} tunnel {KernelTunnelSockets.Describe(tunnels[0])}";
            }
        }

        return null;
    }
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
