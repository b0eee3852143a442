namespace NetLens.Cli.Output.Port;

/// <summary>`port check --json`: one document per run; "accepted" is the exit code's answer.</summary>
public sealed record CheckDocument(
    int? Port,
    string? Service,
    bool Accepted,
    IReadOnlyList<CheckPacketDocument> Checks,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Notes);

/// <summary>One family and protocol: "direction" is in, out or forward; "verdict" accept, drop, reject or uncertain.</summary>
public sealed record CheckPacketDocument(
    string Direction,
    string Family,
    string Protocol,
    int? Port,
    int? IcmpType,
    string? From,
    string? To,
    string? Iif,
    string? Oif,
    string Verdict,
    bool Certain,
    CheckStepDocument? DecidedBy,
    IReadOnlyList<CheckStepDocument> Path,
    IReadOnlyList<string> Doubts,
    CheckForwardDocument? Forwarded,
    string? Docker);

/// <summary>A rule (position, handle, text) or a chain's policy (rule fields null), and what it did.</summary>
public sealed record CheckStepDocument(
    string Source,
    string Family,
    string Table,
    string Chain,
    int? Position,
    long? Handle,
    string? Rule,
    string Outcome);

public sealed record CheckForwardDocument(string? Destination, int Port, string? OutputDevice);
