namespace NetLens.Core.Doctor;

/// <summary>
/// The probe traced through one namespace's nftables (meta nftrace): the decision its chains took — the rule or the
/// policy that dropped or accepted it — or, when no traced packet came, why (<see cref="Note"/>).
/// </summary>
/// <remarks>Where: local (this host's output) or peer (the far side read with --peer-netns).</remarks>
/// <remarks>Namespace: the namespace traced, as the user named it ("this host" for the current one).</remarks>
/// <remarks>Seen: a traced packet passed this namespace's hooks (with no decision: no chain but netlens's own saw it, nothing filters it there).</remarks>
public sealed record NftTraceFact(CauseLocation Where, string Namespace, NftTraceDecision? Decision, string? Note)
{
    public bool Seen { get; init; }
}

/// <summary>
/// The event that decided the probe's fate in one namespace: the table ("inet filter"), the chain, the rule's handle
/// and its text as the ruleset lists it (null for a chain's policy), and the verdict (drop, reject, accept).
/// </summary>
public sealed record NftTraceDecision(string Table, string Chain, long? Handle, string? RuleText, string Verdict)
{
    public bool Dropped => Verdict is "drop" or "reject";

    /// <summary>"inet filter/input rule handle 4: tcp dport 8080 drop (verdict drop)", or "inet filter/input policy drop".</summary>
    public string Rule => Handle is { } handle
        ? $"{Table}/{Chain} rule handle {handle}: {RuleText ?? "(rule text not read)"} (verdict {Verdict})"
        : $"{Table}/{Chain} policy {Verdict}";
}
