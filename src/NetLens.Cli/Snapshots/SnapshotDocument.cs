namespace NetLens.Cli.Snapshots;

/// <summary>The snapshot file's top level (docs/snapshot-format.md): metadata, then links, addresses, rules and routes.</summary>
internal sealed record SnapshotDocument
{
    public required string Format { get; init; }

    public required int Version { get; init; }

    public required DateTimeOffset TakenAt { get; init; }

    public required string Hostname { get; init; }

    public string? Netns { get; init; }

    public required string NetlensVersion { get; init; }

    public required IReadOnlyList<SnapshotLink> Links { get; init; }

    public required IReadOnlyList<SnapshotAddress> Addresses { get; init; }

    public required IReadOnlyList<SnapshotRule> Rules { get; init; }

    public required IReadOnlyList<SnapshotRoute> Routes { get; init; }
}

internal sealed record SnapshotLink
{
    public required int Index { get; init; }

    public required string Name { get; init; }

    public string? Kind { get; init; }

    public uint Flags { get; init; }

    public uint Mtu { get; init; }

    public int? Master { get; init; }

    public ushort DeviceType { get; init; }
}

internal sealed record SnapshotAddress
{
    public required string Family { get; init; }

    public required int Interface { get; init; }

    public required string Local { get; init; }

    public required int PrefixLength { get; init; }

    public string? Peer { get; init; }

    public byte Scope { get; init; }

    public uint Flags { get; init; }

    public string? Label { get; init; }
}

internal sealed record SnapshotRange(uint Start, uint End);

internal sealed record SnapshotRule
{
    public required string Family { get; init; }

    public uint Priority { get; init; }

    public uint Table { get; init; }

    public byte Action { get; init; }

    public bool Invert { get; init; }

    public uint Flags { get; init; }

    public string? From { get; init; }

    public string? To { get; init; }

    public byte Tos { get; init; }

    public uint? Fwmark { get; init; }

    public uint? Fwmask { get; init; }

    public string? Iif { get; init; }

    public string? Oif { get; init; }

    public SnapshotRange? Uidrange { get; init; }

    public SnapshotRange? Sport { get; init; }

    public SnapshotRange? Dport { get; init; }

    public byte? Ipproto { get; init; }

    public int? SuppressPrefixlength { get; init; }

    public uint? SuppressIfgroup { get; init; }

    public uint? Goto { get; init; }

    public bool L3mdev { get; init; }

    public byte Protocol { get; init; }

    public uint? Realms { get; init; }
}

internal sealed record SnapshotNexthop
{
    public string? Gateway { get; init; }

    public string? Via { get; init; }

    public int? Oif { get; init; }

    public int Weight { get; init; } = 1;

    public uint Flags { get; init; }

    public uint? Realms { get; init; }
}

internal sealed record SnapshotMetric(ushort Kind, uint Value);

internal sealed record SnapshotRoute
{
    public required string Family { get; init; }

    public byte Type { get; init; }

    public uint Table { get; init; }

    public required string Destination { get; init; }

    public bool HasDestinationAttribute { get; init; } = true;

    public string? Source { get; init; }

    public byte Tos { get; init; }

    public byte Protocol { get; init; }

    public byte Scope { get; init; }

    public uint Flags { get; init; }

    public uint? Priority { get; init; }

    public string? Gateway { get; init; }

    public string? Via { get; init; }

    public int? Oif { get; init; }

    public int? Iif { get; init; }

    public string? Prefsrc { get; init; }

    public IReadOnlyList<SnapshotNexthop>? Nexthops { get; init; }

    public uint? NexthopId { get; init; }

    public uint? Mark { get; init; }

    public uint? Uid { get; init; }

    public uint? Realms { get; init; }

    public byte? Ipv6Preference { get; init; }

    public uint? ExpiresSeconds { get; init; }

    public IReadOnlyList<SnapshotMetric>? Metrics { get; init; }

    public uint LockedMetrics { get; init; }

    public string? CongestionControl { get; init; }

    public ushort? EncapType { get; init; }
}
