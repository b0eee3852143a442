namespace NetLens.Core.Firewall.Facts;

/// <summary>Which chains of one table can end in a drop: their own drop/reject, or one reachable by jump/goto.</summary>
internal static class ChainReachability
{
    public static HashSet<string> DropCapable(IReadOnlyDictionary<string, (bool Drops, IReadOnlyList<string> Targets)> chains)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        bool changed;
        do
        {
            changed = false;
            foreach (var (name, (drops, targets)) in chains)
            {
                if (!result.Contains(name) && (drops || targets.Any(result.Contains)))
                {
                    result.Add(name);
                    changed = true;
                }
            }
        }
        while (changed);
        return result;
    }
}
