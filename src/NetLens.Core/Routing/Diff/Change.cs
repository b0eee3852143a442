namespace NetLens.Core.Routing.Diff;

/// <summary>What happened to one route, rule or address between two snapshots.</summary>
public enum ChangeKind
{
    Added,
    Removed,

    /// <summary>Same identity, other attributes differ.</summary>
    Changed,
}

/// <summary>
/// One difference: <see cref="Before"/> is null for an addition, <see cref="After"/> for a removal;
/// <see cref="Fields"/> names what differs in a change ("gateway", "dev", "metrics"…), empty otherwise.
/// </summary>
public sealed record Change<T>(ChangeKind Kind, T? Before, T? After, IReadOnlyList<string> Fields)
    where T : class
{
    public static Change<T> Added(T after) => new(ChangeKind.Added, null, after, []);

    public static Change<T> Removed(T before) => new(ChangeKind.Removed, before, null, []);

    /// <summary>The item as it is now, or as it was when it is gone.</summary>
    public T Current => After ?? Before!;
}
