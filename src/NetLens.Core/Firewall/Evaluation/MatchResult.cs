namespace NetLens.Core.Firewall.Evaluation;

public enum Truth
{
    No,
    Yes,
    Unknown,
}

/// <summary>Whether one match holds for the asked packet; when unknown, why (what the user did not say, or what netlens does not model).</summary>
public readonly record struct MatchResult(Truth Truth, string? Reason = null)
{
    public static MatchResult Yes { get; } = new(Truth.Yes);

    public static MatchResult No { get; } = new(Truth.No);

    public static MatchResult Unknown(string reason) => new(Truth.Unknown, reason);

    public static MatchResult Of(bool hit, bool negated) => hit != negated ? Yes : No;
}
