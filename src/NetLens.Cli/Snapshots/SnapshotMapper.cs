using System.Net;
using System.Net.Sockets;
using NetLens.Core.Addressing;
using NetLens.Core.Links;
using NetLens.Core.Routing;

namespace NetLens.Cli.Snapshots;

/// <summary>Core model ↔ snapshot records, field for field (the round trip must be lossless).</summary>
internal static class SnapshotMapper
{
    public static SnapshotLink ToRecord(Link link) => new()
    {
        Index = link.Index,
        Name = link.Name,
        Kind = link.Kind,
        Flags = link.Flags,
        Mtu = link.Mtu,
        Master = link.Master,
        DeviceType = link.DeviceType,
    };

    public static Link ToModel(SnapshotLink link) => new()
    {
        Index = link.Index,
        Name = link.Name,
        Kind = link.Kind,
        Flags = link.Flags,
        Mtu = link.Mtu,
        Master = link.Master,
        DeviceType = link.DeviceType,
    };

    public static SnapshotAddress ToRecord(InterfaceAddress address) => new()
    {
        Family = FamilyWord(address.Family),
        Interface = address.InterfaceIndex,
        Local = address.Local.ToString(),
        PrefixLength = address.PrefixLength,
        Peer = address.Peer?.ToString(),
        Scope = address.Scope,
        Flags = address.Flags,
        Label = address.Label,
    };

    public static InterfaceAddress ToModel(SnapshotAddress address)
    {
        var local = Address(address.Local);
        return new()
        {
            Family = Family(address.Family),
            InterfaceIndex = address.Interface,
            Local = local,
            PrefixLength = PrefixLength(address.PrefixLength, local),
            Peer = OptionalAddress(address.Peer),
            Scope = address.Scope,
            Flags = address.Flags,
            Label = address.Label,
        };
    }

    public static SnapshotRule ToRecord(PolicyRule rule) => new()
    {
        Family = FamilyWord(rule.Family),
        Priority = rule.Priority,
        Table = rule.Table,
        Action = (byte)rule.Action,
        Invert = rule.Invert,
        Flags = rule.Flags,
        From = rule.From?.ToString(),
        To = rule.To?.ToString(),
        Tos = rule.Tos,
        Fwmark = rule.FwMark,
        Fwmask = rule.FwMask,
        Iif = rule.InputInterface,
        Oif = rule.OutputInterface,
        Uidrange = Range(rule.UidRange),
        Sport = Range(rule.SourcePorts),
        Dport = Range(rule.DestinationPorts),
        Ipproto = rule.IpProtocol,
        SuppressPrefixlength = rule.SuppressPrefixLength,
        SuppressIfgroup = rule.SuppressInterfaceGroup,
        Goto = rule.GotoPriority,
        L3mdev = rule.L3MasterDevice,
        Protocol = rule.Protocol,
        Realms = rule.Realms,
    };

    public static PolicyRule ToModel(SnapshotRule rule) => new()
    {
        Family = Family(rule.Family),
        Priority = rule.Priority,
        Table = rule.Table,
        Action = (RuleAction)rule.Action,
        Invert = rule.Invert,
        Flags = rule.Flags,
        From = OptionalPrefix(rule.From),
        To = OptionalPrefix(rule.To),
        Tos = rule.Tos,
        FwMark = rule.Fwmark,
        FwMask = rule.Fwmask,
        InputInterface = rule.Iif,
        OutputInterface = rule.Oif,
        UidRange = Range(rule.Uidrange),
        SourcePorts = Range(rule.Sport),
        DestinationPorts = Range(rule.Dport),
        IpProtocol = rule.Ipproto,
        SuppressPrefixLength = rule.SuppressPrefixlength,
        SuppressInterfaceGroup = rule.SuppressIfgroup,
        GotoPriority = rule.Goto,
        L3MasterDevice = rule.L3mdev,
        Protocol = rule.Protocol,
        Realms = rule.Realms,
    };

    public static SnapshotRoute ToRecord(Route route) => new()
    {
        Family = FamilyWord(route.Family),
        Type = (byte)route.Type,
        Table = route.Table,
        Destination = route.Destination.ToString(),
        HasDestinationAttribute = route.HasDestinationAttribute,
        Source = route.Source?.ToString(),
        Tos = route.Tos,
        Protocol = route.Protocol,
        Scope = (byte)route.Scope,
        Flags = (uint)route.Flags,
        Priority = route.Priority,
        Gateway = route.Gateway?.ToString(),
        Via = route.Via?.ToString(),
        Oif = route.OutputInterface,
        Iif = route.InputInterface,
        Prefsrc = route.PreferredSource?.ToString(),
        Nexthops = route.IsMultipath ? [.. route.Nexthops.Select(ToRecord)] : null,
        NexthopId = route.NexthopId,
        Mark = route.Mark,
        Uid = route.Uid,
        Realms = route.Realms,
        Ipv6Preference = route.Ipv6Preference,
        ExpiresSeconds = route.ExpiresSeconds,
        Metrics = route.Metrics.Count > 0 ? [.. route.Metrics.Select(m => new SnapshotMetric(m.Kind, m.Value))] : null,
        LockedMetrics = route.LockedMetrics,
        CongestionControl = route.CongestionControl,
        EncapType = route.EncapType,
    };

    public static Route ToModel(SnapshotRoute route) => new()
    {
        Family = Family(route.Family),
        Type = (RouteType)route.Type,
        Table = route.Table,
        Destination = Prefix(route.Destination),
        HasDestinationAttribute = route.HasDestinationAttribute,
        Source = OptionalPrefix(route.Source),
        Tos = route.Tos,
        Protocol = route.Protocol,
        Scope = (RouteScope)route.Scope,
        Flags = (RouteFlags)route.Flags,
        Priority = route.Priority,
        Gateway = OptionalAddress(route.Gateway),
        Via = OptionalAddress(route.Via),
        OutputInterface = route.Oif,
        InputInterface = route.Iif,
        PreferredSource = OptionalAddress(route.Prefsrc),
        Nexthops = route.Nexthops is { } nexthops ? [.. nexthops.Select(ToModel)] : [],
        NexthopId = route.NexthopId,
        Mark = route.Mark,
        Uid = route.Uid,
        Realms = route.Realms,
        Ipv6Preference = route.Ipv6Preference,
        ExpiresSeconds = route.ExpiresSeconds,
        Metrics = route.Metrics is { } metrics ? [.. metrics.Select(m => new RouteMetric(m.Kind, m.Value))] : [],
        LockedMetrics = route.LockedMetrics,
        CongestionControl = route.CongestionControl,
        EncapType = route.EncapType,
    };

    private static SnapshotNexthop ToRecord(Nexthop nexthop) => new()
    {
        Gateway = nexthop.Gateway?.ToString(),
        Via = nexthop.Via?.ToString(),
        Oif = nexthop.OutputInterface,
        Weight = nexthop.Weight,
        Flags = (uint)nexthop.Flags,
        Realms = nexthop.Realms,
    };

    private static Nexthop ToModel(SnapshotNexthop nexthop) => new()
    {
        Gateway = OptionalAddress(nexthop.Gateway),
        Via = OptionalAddress(nexthop.Via),
        OutputInterface = nexthop.Oif,
        Weight = nexthop.Weight,
        Flags = (RouteFlags)nexthop.Flags,
        Realms = nexthop.Realms,
    };

    private static SnapshotRange? Range(PortRange? range) => range is { } r ? new SnapshotRange(r.Start, r.End) : null;

    private static PortRange? Range(SnapshotRange? range) => range is { } r ? new PortRange(r.Start, r.End) : null;

    /// <summary>The words ip uses for families; rules and routes of other families are kept by number.</summary>
    private static string FamilyWord(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => "inet",
        AddressFamily.InterNetworkV6 => "inet6",
        AddressFamily.Unspecified => "unspec",
        _ => ((int)family).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static AddressFamily Family(string word) => word switch
    {
        "inet" => AddressFamily.InterNetwork,
        "inet6" => AddressFamily.InterNetworkV6,
        "unspec" => AddressFamily.Unspecified,
        _ when int.TryParse(word, out var number) => (AddressFamily)number,
        _ => throw new FormatException($"unknown family \"{word}\""),
    };

    private static IPAddress Address(string text) =>
        IPAddress.TryParse(text, out var address) ? address : throw new FormatException($"\"{text}\" is not an address");

    // A length past the address's bits would make every mask computed from it wrong (or throw deep inside a lookup).
    private static int PrefixLength(int length, IPAddress address) =>
        length >= 0 && length <= (address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32)
            ? length
            : throw new FormatException($"prefix_length {length} does not fit {address} (0 to 32 for IPv4, 0 to 128 for IPv6)");

    private static IPAddress? OptionalAddress(string? text) => text is null ? null : Address(text);

    private static IpPrefix Prefix(string text) =>
        text.Contains('/', StringComparison.Ordinal) && IpPrefix.TryParse(text, out var prefix)
            ? prefix
            : throw new FormatException($"\"{text}\" is not a prefix (address/length)");

    private static IpPrefix? OptionalPrefix(string? text) => text is null ? null : Prefix(text);
}
