using NetLens.Core.Firewall.Rulesets;
namespace NetLens.Core.Firewall.Evaluation;

public enum FirewallVerdict
{
    Accept,
    Drop,
    Reject,
}

/// <summary>What happened in one chain on the way: a jump, a DNAT, a base chain's accept, or the final verdict (by rule, or by policy when Rule is null).</summary>
public sealed record ChainStep(FirewallChain Chain, FirewallRule? Rule, string Outcome);

/// <summary>A rule whose matches could not be decided, and which way this path took it.</summary>
public sealed record Assumption(FirewallChain Chain, FirewallRule Rule, bool Matched, string Reason);

/// <summary>
/// One way through the ruleset. With no unknown match there is exactly one; each undecidable rule splits a path in two.
/// <see cref="Verdict"/> is null when the path ended somewhere netlens cannot follow (<see cref="Unresolved"/> says where).
/// </summary>
public sealed record EvaluationPath(
    FirewallVerdict? Verdict,
    ChainStep? Decider,
    IReadOnlyList<ChainStep> Steps,
    IReadOnlyList<Assumption> Assumptions,
    string? Unresolved,
    PacketQuery FinalPacket,
    bool Forwarded);

/// <summary>The answer to "would this packet be accepted": every path through the ruleset, and the verdict when they all agree.</summary>
public sealed record CheckEvaluation(PacketQuery Packet, IReadOnlyList<EvaluationPath> Paths)
{
    /// <summary>The path taken when every undecidable rule is taken as not matching: the one shown first.</summary>
    public EvaluationPath Main => Paths.MinBy(p => p.Assumptions.Count(a => a.Matched))!;

    /// <summary>The verdict all paths agree on; null when they differ or one could not be followed (the answer is uncertain).</summary>
    public FirewallVerdict? Verdict =>
        Paths.All(p => p.Verdict is not null && SameOutcome(p.Verdict.Value, Paths[0].Verdict!.Value)) ? Main.Verdict : null;

    public bool Certain => Verdict is not null;

    public bool Accepted => Verdict == FirewallVerdict.Accept;

    /// <summary>Why the answer is uncertain: the undecidable rules and unfollowable ends, each once.</summary>
    public IReadOnlyList<string> Doubts =>
        Certain ? [] : [.. Paths.SelectMany(p => p.Assumptions.Select(a => $"{a.Chain.Label} rule {a.Rule.Position}: {a.Reason}")
            .Concat(p.Unresolved is null ? [] : [p.Unresolved])).Distinct()];

    /// <summary>Drop and reject both mean "not accepted": paths that differ only there agree on the answer.</summary>
    private static bool SameOutcome(FirewallVerdict a, FirewallVerdict b) => (a == FirewallVerdict.Accept) == (b == FirewallVerdict.Accept);

    /// <summary>Docker publishes a port with DNAT in nat PREROUTING; its FORWARD chains, not INPUT, then decide.</summary>
    public string? DockerNote
    {
        get
        {
            var path = Main;
            var dnat = path.Steps.FirstOrDefault(s => s.Outcome.StartsWith("dnat", StringComparison.Ordinal));
            var docker = path.Steps.Any(s => s.Chain.Name.StartsWith("DOCKER", StringComparison.Ordinal));
            if (!path.Forwarded || dnat is null || !docker)
            {
                return null;
            }

            return $"docker publishes this port: {dnat.Chain.Label} rule {dnat.Rule?.Position} ({dnat.Outcome}) sends it on through FORWARD, "
                + "so DOCKER-USER and DOCKER decide, not INPUT";
        }
    }
}
