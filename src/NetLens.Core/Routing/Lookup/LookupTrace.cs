namespace NetLens.Core.Routing.Lookup;

/// <summary>What one policy rule did with the packet.</summary>
public enum RuleVerdict
{
    /// <summary>A selector did not match (Detail says which).</summary>
    NotMatched,

    /// <summary>Matched, and its table (or its own action) gave the answer.</summary>
    Decided,

    /// <summary>Matched, but the lookup went on: no covering route, a throw route, nop, goto, or suppressed.</summary>
    PassedOn,

    /// <summary>Never looked at: an earlier rule decided.</summary>
    NotReached,
}

/// <summary>One rule in priority order, with what happened and why.</summary>
public sealed record RuleStep(PolicyRule Rule, RuleVerdict Verdict, string Detail);

/// <summary>Why a covering route of a consulted table won or lost.</summary>
public enum CandidateVerdict
{
    Winner,
    TosMismatch,
    LostToEarlierSamePrefix,
    ShorterPrefix,
    Dead,
}

/// <summary>One route whose prefix contains the address, in the order the kernel considers them.</summary>
public sealed record RouteCandidate(Route Route, CandidateVerdict Verdict, string Detail);

/// <summary>One table a rule sent the lookup to: every covering route, longest prefix first, and the outcome.</summary>
public sealed record TableStep(uint Table, uint RulePriority, IReadOnlyList<RouteCandidate> Candidates, string Outcome);

/// <summary>The whole decision, for --explain.</summary>
public sealed class LookupTrace
{
    public List<RuleStep> Rules { get; } = [];

    public List<TableStep> Tables { get; } = [];

    /// <summary>How the preferred source was chosen, in words.</summary>
    public string? SourceReason { get; set; }
}
