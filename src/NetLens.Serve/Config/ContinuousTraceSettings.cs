using NetLens.Core.Probing;

namespace NetLens.Serve.Config;

/// <summary>
/// `continuous: {trace: {...}}`: every continuous target gets one trace round every <see cref="Interval"/>: <see cref="Count"/>
/// passes over TTL 1..<see cref="MaxHops"/>, <see cref="Spacing"/> apart, each probe waiting at most <see cref="Timeout"/>, on
/// the trace command's engine; at most <see cref="Concurrency"/> rounds (of different targets) at a time. Protocol and port
/// null are the trace command's defaults, as in the trace module.
/// </summary>
public sealed record ContinuousTraceSettings(TimeSpan Interval, ProbeProtocol? Protocol, int Count, int MaxHops, TimeSpan Spacing, TimeSpan Timeout, ushort? Port, int Concurrency)
{
    public const int MaxConcurrency = 64;

    public static readonly ContinuousTraceSettings Default = new(TimeSpan.FromSeconds(60), null, 3, 30, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), null, 4);

    /// <summary>The longest a round can take: its last pass starts (count − 1) × spacing after the first and waits the probe timeout.</summary>
    public TimeSpan LongestRound => (Count - 1) * Spacing + Timeout;

    /// <summary>The destination port of UDP and TCP probes: the one set, or the trace command's default for the protocol.</summary>
    public ushort PortFor(ProbeProtocol? protocol) => Port ?? (protocol == ProbeProtocol.Tcp ? (ushort)80 : (ushort)33434);
}
