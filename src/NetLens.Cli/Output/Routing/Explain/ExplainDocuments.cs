using NetLens.Cli.Output.Json;

namespace NetLens.Cli.Output.Routing.Explain;

/// <summary>`route get --explain --json`: the answer and the whole decision, as one document.</summary>
public sealed record ExplainDocument
{
    public required RouteQueryJson Query { get; init; }

    public required bool Found { get; init; }

    /// <summary>ip route get's first line.</summary>
    public string? Line { get; init; }

    public string? Error { get; init; }

    public int? Errno { get; init; }

    /// <summary>"engine" (in-process from the snapshot) or "kernel" (RTM_GETROUTE, where the engine cannot reproduce the choice).</summary>
    public required string AnsweredBy { get; init; }

    /// <summary>Why the kernel had to be asked (ECMP hash, neighbour state…), when it was.</summary>
    public string? KernelAskedBecause { get; init; }

    /// <summary>"kernel" (read just now) or the snapshot file.</summary>
    public required string Snapshot { get; init; }

    public required IReadOnlyList<ExplainRuleJson> Rules { get; init; }

    public required IReadOnlyList<ExplainTableJson> Tables { get; init; }

    public ExplainSourceJson? PreferredSource { get; init; }

    public RouteJson? MatchedRoute { get; init; }
}

/// <summary>verdict: not_matched, decided, passed_on, not_reached.</summary>
public sealed record ExplainRuleJson(uint Priority, string Text, string Verdict, string Detail);

public sealed record ExplainTableJson(string Table, uint TableId, uint RulePriority, string Outcome, IReadOnlyList<ExplainCandidateJson> Routes);

/// <summary>verdict: winner, tos_mismatch, lost_to_earlier_same_prefix, shorter_prefix, dead.</summary>
public sealed record ExplainCandidateJson(string Ip, string Destination, int PrefixLength, uint? Metric, string Tos, string Protocol, string Verdict, string Detail, IReadOnlyList<NexthopJson>? Nexthops);

public sealed record ExplainSourceJson(string Address, string Reason);
