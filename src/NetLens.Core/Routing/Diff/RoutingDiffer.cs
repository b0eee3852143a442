namespace NetLens.Core.Routing.Diff;

/// <summary>Compares two snapshots: what was added, removed, or changed (same identity, other attributes).</summary>
public static class RoutingDiffer
{
    public static RoutingDiff Compare(RoutingSnapshot before, RoutingSnapshot after)
    {
        var routes = Compare(
            before.Routes,
            after.Routes,
            RouteIdentity.Of,
            RouteIdentity.Of,
            (b, a) => RouteDifferences.Of(b, before.InterfaceNames, a, after.InterfaceNames));
        var rules = Compare(before.Rules, after.Rules, RuleIdentity.Of, RuleIdentity.Of, RouteDifferences.Of);
        var addresses = Compare(
            before.Addresses,
            after.Addresses,
            a => AddressIdentity.Of(a, before.InterfaceNames),
            a => AddressIdentity.Of(a, after.InterfaceNames),
            RouteDifferences.Of);
        return new RoutingDiff(routes, rules, addresses);
    }

    /// <summary>
    /// Groups both sides by identity. Within a group, equal pairs cancel out; what is left pairs up in order as
    /// changes (several routes may share an identity: `ip route append`), and the rest are added or removed.
    /// </summary>
    private static List<Change<T>> Compare<T, TKey>(
        IReadOnlyList<T> before,
        IReadOnlyList<T> after,
        Func<T, TKey> beforeKey,
        Func<T, TKey> afterKey,
        Func<T, T, List<string>> differences)
        where T : class
        where TKey : notnull
    {
        var groups = new Dictionary<TKey, (List<T> Before, List<T> After)>();
        var order = new List<TKey>();
        foreach (var (items, key, isBefore) in new[] { (before, beforeKey, true), (after, afterKey, false) })
        {
            foreach (var item in items)
            {
                var k = key(item);
                if (!groups.TryGetValue(k, out var group))
                {
                    group = ([], []);
                    groups.Add(k, group);
                    order.Add(k);
                }

                (isBefore ? group.Before : group.After).Add(item);
            }
        }

        var changes = new List<Change<T>>();
        foreach (var key in order)
        {
            var (olds, news) = groups[key];
            var left = new List<T>(olds);
            var right = new List<T>();
            foreach (var item in news)
            {
                var same = left.FindIndex(old => differences(old, item).Count == 0);
                if (same >= 0)
                {
                    left.RemoveAt(same);
                }
                else
                {
                    right.Add(item);
                }
            }

            var paired = Math.Min(left.Count, right.Count);
            for (var i = 0; i < paired; i++)
            {
                changes.Add(new Change<T>(ChangeKind.Changed, left[i], right[i], differences(left[i], right[i])));
            }

            changes.AddRange(left.Skip(paired).Select(Change<T>.Removed));
            changes.AddRange(right.Skip(paired).Select(Change<T>.Added));
        }

        return changes;
    }
}
