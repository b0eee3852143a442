using NetLens.Core.Links;

namespace NetLens.Core.Routing.Diff;

/// <summary>
/// The attributes in which two routes (or rules, or addresses) with the same identity differ. Interfaces are
/// compared by name, since an index means nothing across hosts or after a link was recreated.
/// </summary>
public static class RouteDifferences
{
    public static List<string> Of(Route before, InterfaceNames beforeNames, Route after, InterfaceNames afterNames)
    {
        var fields = new List<string>();
        Check(fields, "gateway", Equals(before.Gateway, after.Gateway) && Equals(before.Via, after.Via));
        Check(fields, "dev", Name(before.OutputInterface, beforeNames) == Name(after.OutputInterface, afterNames));
        Check(fields, "nexthops", before.Nexthops.Count == after.Nexthops.Count
            && before.Nexthops.Zip(after.Nexthops).All(p => SameNexthop(p.First, beforeNames, p.Second, afterNames)));
        Check(fields, "nhid", before.NexthopId == after.NexthopId);
        Check(fields, "prefsrc", Equals(before.PreferredSource, after.PreferredSource));
        Check(fields, "protocol", before.Protocol == after.Protocol);
        Check(fields, "scope", before.Scope == after.Scope);
        Check(fields, "flags", before.Flags == after.Flags);
        Check(fields, "metrics", before.Metrics.SequenceEqual(after.Metrics)
            && before.LockedMetrics == after.LockedMetrics
            && before.CongestionControl == after.CongestionControl);
        Check(fields, "realms", before.Realms == after.Realms);
        Check(fields, "pref", before.Ipv6Preference == after.Ipv6Preference);
        Check(fields, "encap", before.EncapType == after.EncapType);
        return fields;
    }

    public static List<string> Of(PolicyRule before, PolicyRule after)
    {
        var fields = new List<string>();
        Check(fields, "action", before.Action == after.Action && before.Table == after.Table && before.GotoPriority == after.GotoPriority);
        Check(fields, "suppress_prefixlength", before.SuppressPrefixLength == after.SuppressPrefixLength);
        Check(fields, "suppress_ifgroup", before.SuppressInterfaceGroup == after.SuppressInterfaceGroup);
        Check(fields, "protocol", before.Protocol == after.Protocol);
        Check(fields, "realms", before.Realms == after.Realms);
        Check(fields, "flags", before.Flags == after.Flags);
        return fields;
    }

    public static List<string> Of(InterfaceAddress before, InterfaceAddress after)
    {
        var fields = new List<string>();
        Check(fields, "peer", Equals(before.Peer, after.Peer));
        Check(fields, "scope", before.Scope == after.Scope);
        Check(fields, "flags", before.Flags == after.Flags);
        Check(fields, "label", before.Label == after.Label);
        return fields;
    }

    private static bool SameNexthop(Nexthop before, InterfaceNames beforeNames, Nexthop after, InterfaceNames afterNames) =>
        Equals(before.Gateway, after.Gateway)
        && Equals(before.Via, after.Via)
        && Name(before.OutputInterface, beforeNames) == Name(after.OutputInterface, afterNames)
        && before.Weight == after.Weight
        && before.Flags == after.Flags
        && before.Realms == after.Realms;

    private static string? Name(int? index, InterfaceNames names) => index is { } i ? names.NameOf(i) : null;

    private static void Check(List<string> fields, string name, bool same)
    {
        if (!same)
        {
            fields.Add(name);
        }
    }
}
