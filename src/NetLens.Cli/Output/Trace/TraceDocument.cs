namespace NetLens.Cli.Output.Trace;

/// <summary>
/// `netlens trace --json`: one document per run; <c>interrupted</c> (true, else left out) when Ctrl-C or SIGTERM ended it
/// after <c>rounds</c> rounds; <c>stop_reason</c> why the hops end (destination_reached, unreachable, silent_hops, max_hops,
/// interrupted); <c>packet_size_bytes</c> the -s size (whole IP packet), null without -s.
/// </summary>
internal sealed record TraceDocument(
    string Target,
    string Address,
    string Mechanism,
    string Protocol,
    DateTimeOffset Start,
    DateTimeOffset End,
    int Rounds,
    bool DestinationReached,
    IReadOnlyList<TraceHopDocument> Hops,
    string StopReason,
    int? PacketSizeBytes,
    int Flows = 1,
    bool? Interrupted = null);

internal sealed record TraceHopDocument(
    int Ttl,
    IReadOnlyList<TraceHostDocument> Hosts,
    int Sent,
    int Received,
    double LossPct,
    double? LastMs,
    double? AvgMs,
    double? BestMs,
    double? WorstMs,
    double? StdevMs,
    double? JitterMs,
    string LossKind,
    string LatencyKind,
    TraceUnreachableDocument? Unreachable = null);

/// <summary>A router's "cannot be reached" answer at this hop: its ICMP type and code, traceroute's mark (!H, !X…; left out where traceroute prints none) and what the code means.</summary>
internal sealed record TraceUnreachableDocument(int IcmpType, int IcmpCode, string? Mark, string Meaning);

// Flows: with --flows N > 1, the flows whose probes this address answered (the parallel paths); else left out.
internal sealed record TraceHostDocument(string Address, string? Name, int Replies, double SharePct, IReadOnlyList<TraceMplsDocument>? Mpls, IReadOnlyList<int>? Flows = null);

/// <summary>One MPLS label stack entry, named as mtr -e names its fields (exp is the traffic class, RFC 5462).</summary>
internal sealed record TraceMplsDocument(uint Label, int Exp, int S, int Ttl);
