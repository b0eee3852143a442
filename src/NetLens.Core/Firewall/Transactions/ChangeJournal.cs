using NetLens.Core.Firewall.Rulesets;

namespace NetLens.Core.Firewall.Transactions;

/// <summary>
/// What a `port open|close` is about to change, written (and fsynced) before its first transaction: the state of
/// everything the plan touches, so a later run can put it back if this one never finishes. It is removed only when
/// every step succeeded; one left behind with its writer gone is an interrupted change.
/// </summary>
public sealed record ChangeJournal
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    /// <summary>"open" or "close".</summary>
    public required string Verb { get; init; }

    /// <summary>The SPEC as resolved ("8472/udp"), for the warning that names the change.</summary>
    public required string Spec { get; init; }

    public required int Pid { get; init; }

    /// <summary>The writer's start time (/proc/PID/stat field 22), so a reused pid is not taken for the writer.</summary>
    public required long PidStart { get; init; }

    /// <summary>The network namespace it was written in (<see cref="NamespaceId"/>): it is replayed there only.</summary>
    public required NamespaceId Namespace { get; init; }

    public IReadOnlyList<IptablesSnapshot> Iptables { get; init; } = [];

    public IReadOnlyList<NftTableSnapshot> Nftables { get; init; } = [];

    public IReadOnlyList<FileSnapshot> Files { get; init; } = [];

    /// <summary>"port open 8472/udp (pid 4242)": how the warnings name it.</summary>
    public string Describe() => $"port {Verb} {Spec} (pid {Pid})";
}

/// <summary>
/// A network namespace: the nsfs inode (what /proc/PID/ns/net links to) and the kernel's netns cookie, which, unlike the
/// inode, is never handed to another namespace while the machine runs (0 on kernels before 5.14, then the inode alone).
/// </summary>
public sealed record NamespaceId(ulong Inode, ulong Cookie)
{
    public bool SameAs(NamespaceId other) => Inode == other.Inode && (Cookie == 0 || other.Cookie == 0 || Cookie == other.Cookie);

    public override string ToString() => $"net:[{Inode}]";
}

/// <summary>One iptables flavour and family's filter table as `iptables-save -t filter` printed it before the change.</summary>
public sealed record IptablesSnapshot(FirewallBackend Backend, string Family, string Saved);

/// <summary>A native nftables table as `nft list table` printed it before the change; null when it did not exist.</summary>
public sealed record NftTableSnapshot(string Family, string Table, string? Definition);

/// <summary>A file the change writes (services file, --persist files), as it was; null content when it did not exist.</summary>
public sealed record FileSnapshot(string Path, byte[]? Content);
