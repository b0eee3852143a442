namespace NetLens.Core.Firewall.Evaluation;

/// <summary>What `port check` found: one evaluation per family and protocol, and where the ruleset came from.</summary>
public sealed record CheckReport(CheckedPort Spec, IReadOnlyList<CheckEvaluation> Evaluations, IReadOnlyList<string> Sources, IReadOnlyList<string> Notes)
{
    /// <summary>Yes only when every asked packet is certainly accepted.</summary>
    public bool Accepted => Evaluations.All(e => e.Accepted);

    public static string VerdictWord(CheckEvaluation evaluation) => evaluation.Verdict switch
    {
        FirewallVerdict.Accept => "accepted",
        FirewallVerdict.Drop => "dropped",
        FirewallVerdict.Reject => "rejected",
        _ => "uncertain",
    };

    /// <summary>
    /// The step that decided: the dropping rule or policy; for an accepted packet the last filtering chain's accepting rule
    /// (a rule says more than a policy, and a nat chain's pass-through says nothing).
    /// </summary>
    public static ChainStep? Decider(EvaluationPath path) =>
        path.Decider ?? path.Steps
            .Where(s => s.Outcome is "accept" or "policy accept" && s.Chain.Type != "nat")
            .OrderBy(s => s.Rule is null ? 0 : 1)
            .LastOrDefault();

    public static string Where(ChainStep step) =>
        step.Rule is { } rule
            ? $"{step.Chain.Source} {step.Chain.Label} rule {rule.Position}{(rule.Handle is { } h ? $" (handle {h})" : string.Empty)}"
            : $"{step.Chain.Source} {step.Chain.Label} policy {(step.Chain.PolicyAccepts == true ? "accept" : "drop")}";
}
