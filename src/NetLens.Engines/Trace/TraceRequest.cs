using System.Net;
using NetLens.Core.Probing;
using NetLens.Linux.Namespaces;

namespace NetLens.Engines.Trace;

/// <summary>What a trace session probes, how often and how long it waits: everything a trace needs, nothing about how it is shown.</summary>
public sealed record TraceRequest
{
    /// <summary>The target as the user named it (a name or an address), kept for the documents.</summary>
    public required string Target { get; init; }

    public required IPAddress Address { get; init; }

    /// <summary>Null: the default, ICMP echo where a raw socket may be opened (as mtr as root), else UDP (no privilege needed).</summary>
    public ProbeProtocol? Protocol { get; init; }

    /// <summary>Destination port of UDP and TCP probes, constant for the whole trace.</summary>
    public ushort Port { get; init; } = 33434;

    /// <summary>How many flows (source ports or identifiers) probes are spread over; 1 = one constant flow.</summary>
    public int Flows { get; init; } = 1;

    /// <summary>How many rounds; null runs until cancelled.</summary>
    public int? Rounds { get; init; } = 10;

    /// <summary>Between the starts of two rounds; rounds overlap, so a lost probe does not hold the next round back.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest a probe waits for its reply (with <see cref="AdaptiveTimeout"/>, only the ceiling).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Each probe waits as <see cref="Core.Trace.AdaptiveTimeout"/> says (ten times the slowest reply seen), at most <see cref="Timeout"/>.</summary>
    public bool AdaptiveTimeout { get; init; } = true;

    public int MaxHops { get; init; } = 30;

    /// <summary>The lowest TTL probed (mtr -f); the hops below it are neither probed nor reported.</summary>
    public int FirstTtl { get; init; } = 1;

    /// <summary>The probes' whole IP packet size in bytes, headers included, as mtr -s counts it; null: the smallest probe.</summary>
    public int? PacketSize { get; init; }

    /// <summary>The namespace the probes are sent from.</summary>
    public NetworkContext Network { get; init; } = NetworkContext.Current;
}
