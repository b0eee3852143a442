namespace NetLens.Cli.Output.Scan;

/// <summary>`netlens scan --json`: one document per run; mechanisms in probing order (TCP or discovery, then UDP).</summary>
public sealed record ScanDocument(
    IReadOnlyList<string> Mechanisms,
    double ElapsedMs,
    int HostsUp,
    IReadOnlyList<ScanHostDocument> Hosts)
{
    /// <summary>True when the user stopped the scan: the hosts and ports are those settled by then (absent otherwise).</summary>
    public bool? Interrupted { get; init; }

    /// <summary>True with --open: hosts list only those with an open (or open|filtered) port, and ports only those (absent otherwise).</summary>
    public bool? OpenOnly { get; init; }

    /// <summary>Targets never probed (broadcast addresses), with the reason (absent when none).</summary>
    public IReadOnlyList<ScanSkippedDocument>? Skipped { get; init; }
}

/// <summary>A target address netlens did not probe, and why.</summary>
public sealed record ScanSkippedDocument(string Address, string Reason);

public sealed record ScanHostDocument(
    string Address,
    string? Name,
    string Status,
    string Reason,
    double? LatencyMs,
    IReadOnlyList<ScanPortDocument> Ports,
    IReadOnlyList<ScanNotShownDocument> NotShown)
{
    /// <summary>The IP TTL of the answer that proved the host up, when a raw socket read it (absent otherwise).</summary>
    public int? ReasonTtl { get; init; }

    /// <summary>True when --host-timeout gave the host up: its ports are not reported (absent otherwise).</summary>
    public bool? TimedOut { get; init; }
}

/// <summary>Every scanned port is here, shown in the text table or not.</summary>
public sealed record ScanPortDocument(int Port, string Protocol, string State, string Reason, string Service)
{
    /// <summary>The IP TTL of the reply that decided the state, when a raw socket read it (absent for connect() and silence).</summary>
    public int? ReasonTtl { get; init; }
}

/// <summary>What the text output sums up in "Not shown": how many ports in one state, by reason.</summary>
public sealed record ScanNotShownDocument(string State, int Count, IReadOnlyList<ScanReasonCountDocument> Reasons);

/// <summary>How many of those ports gave this reason (nmap's words: no-response, conn-refused…).</summary>
public sealed record ScanReasonCountDocument(string Reason, int Count);
