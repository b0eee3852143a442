using NetLens.Core.Probing;

namespace NetLens.Serve.Config;

/// <summary>
/// netlens's trace module: <see cref="Count"/> rounds over TTL 1..<see cref="MaxHops"/>, <see cref="Interval"/> apart, on the
/// trace command's engine. Protocol null is the trace command's default (ICMP echo with CAP_NET_RAW, UDP without);
/// port null is the trace command's too (33434 for UDP, 80 for TCP).
/// </summary>
public sealed record TraceSettings(ProbeProtocol? Protocol, int Count, int MaxHops, TimeSpan Interval, ushort? Port)
{
    public const int MaxCount = 1000;

    public const int MaxTtl = 255;

    public static readonly TraceSettings Default = new(null, 3, 30, TimeSpan.FromSeconds(1), null);

    /// <summary>The destination port the probes use: the one set, or the trace command's default for the protocol.</summary>
    public ushort PortFor(ProbeProtocol? protocol) => Port ?? (protocol == ProbeProtocol.Tcp ? (ushort)80 : (ushort)33434);
}
