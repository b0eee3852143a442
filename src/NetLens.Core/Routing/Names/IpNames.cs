using System.Globalization;

namespace NetLens.Core.Routing.Names;

/// <summary>
/// The names iproute2 prints for tables, protocols, scopes, realms and dsfield values:
/// its built-in defaults, optionally merged with the /etc/iproute2 files.
/// </summary>
public sealed class IpNames
{
    private readonly NameTable[] _tables;

    // For OnDemand: reads a kind's files the first time an id or name is missing from the built-ins,
    // which is when iproute2 reads them too (so the answers match ip's, and a lookup costs no file I/O).
    private readonly Func<IpNameKind, IReadOnlyList<string>>? _loader;
    private readonly bool[] _loaded;

    private IpNames(NameTable[] tables, Func<IpNameKind, IReadOnlyList<string>>? loader = null)
    {
        _tables = tables;
        _loader = loader;
        _loaded = new bool[tables.Length];
    }

    /// <summary>The built-in names, with each kind's files merged in only when a lookup misses.</summary>
    /// <param name="loader">The texts of a kind's files, in merge order.</param>
    public static IpNames OnDemand(Func<IpNameKind, IReadOnlyList<string>> loader) =>
        new([.. Default._tables.Select(t => t.Clone())], loader);

    /// <summary>What iproute2 prints with its stock name files (the ones it ships); files merge on top.</summary>
    public static IpNames Default { get; } = CreateDefault();

    public bool TryGetName(IpNameKind kind, uint id, out string name) =>
        this[kind].TryGetName(id, out name) || (LoadOnce(kind) && this[kind].TryGetName(id, out name));

    /// <summary>Name or number → id, as `ip route … table NAME` / `proto NAME` resolves it.</summary>
    public bool TryGetId(IpNameKind kind, string name, out uint id) =>
        this[kind].TryGetId(name, out id) || (LoadOnce(kind) && this[kind].TryGetId(name, out id));

    private NameTable this[IpNameKind kind] => _tables[(int)kind];

    /// <summary>A copy with <paramref name="text"/> (one file's content) merged into one database.</summary>
    public IpNames WithFile(IpNameKind kind, string text)
    {
        var copy = new NameTable[_tables.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = i == (int)kind ? _tables[i].Clone() : _tables[i];
        }

        copy[(int)kind].Merge(text, IpNameKinds.MaxId(kind));
        return new IpNames(copy);
    }

    public string TableName(uint id) => NameOrNumber(IpNameKind.Tables, id);

    public string ProtocolName(byte id) => NameOrNumber(IpNameKind.Protocols, id);

    public string ScopeName(byte id) => NameOrNumber(IpNameKind.Scopes, id);

    public string RealmName(uint id) => NameOrNumber(IpNameKind.Realms, id);

    /// <summary>rtnl_dsfield_n2a: the name, else two hex digits ("0x10").</summary>
    public string DsFieldName(byte id) =>
        TryGetName(IpNameKind.DsField, id, out var name) ? name : "0x" + id.ToString("x2", CultureInfo.InvariantCulture);

    /// <summary>rtnl_rtntype_n2a: fixed names, the number for anything else.</summary>
    public static string RouteTypeName(RouteType type) => type switch
    {
        RouteType.Unspecified => "none",
        RouteType.Unicast => "unicast",
        RouteType.Local => "local",
        RouteType.Broadcast => "broadcast",
        RouteType.Anycast => "anycast",
        RouteType.Multicast => "multicast",
        RouteType.Blackhole => "blackhole",
        RouteType.Unreachable => "unreachable",
        RouteType.Prohibit => "prohibit",
        RouteType.Throw => "throw",
        RouteType.Nat => "nat",
        RouteType.ExternalResolve => "xresolve",
        _ => ((byte)type).ToString(CultureInfo.InvariantCulture),
    };

    private string NameOrNumber(IpNameKind kind, uint id) =>
        TryGetName(kind, id, out var name) ? name : NumberText(id);

    /// <summary>Merges the kind's files the first time; true when that happened (so a retry may succeed).</summary>
    private bool LoadOnce(IpNameKind kind)
    {
        if (_loader is null || _loaded[(int)kind])
        {
            return false;
        }

        _loaded[(int)kind] = true;
        foreach (var text in _loader(kind))
        {
            _tables[(int)kind].Merge(text, IpNameKinds.MaxId(kind));
        }

        return true;
    }

    // Small ids repeat on every line; caching their text saves an allocation per word.
    private static readonly string[] SmallNumbers = CreateSmallNumbers();

    private static string NumberText(uint id) => id < 256 ? SmallNumbers[id] : id.ToString(CultureInfo.InvariantCulture);

    private static string[] CreateSmallNumbers()
    {
        var numbers = new string[256];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return numbers;
    }

    private static IpNames CreateDefault()
    {
        var tables = new NameTable[5];
        tables[(int)IpNameKind.Tables] = new NameTable(
        [
            new(0, "unspec"), new(253, "default"), new(254, "main"), new(255, "local"),
        ]);
        tables[(int)IpNameKind.Protocols] = new NameTable(
        [
            new(0, "unspec"), new(1, "redirect"), new(2, "kernel"), new(3, "boot"), new(4, "static"),
            new(8, "gated"), new(9, "ra"), new(10, "mrt"), new(11, "zebra"), new(12, "bird"),
            new(13, "dnrouted"), new(14, "xorp"), new(15, "ntk"), new(16, "dhcp"), new(18, "keepalived"),
            new(42, "babel"), new(99, "openr"), new(186, "bgp"), new(187, "isis"), new(188, "ospf"),
            new(189, "rip"), new(192, "eigrp"),
        ]);
        tables[(int)IpNameKind.Scopes] = new NameTable(
        [
            new(0, "global"), new(200, "site"), new(253, "link"), new(254, "host"), new(255, "nowhere"),
        ]);
        tables[(int)IpNameKind.Realms] = new NameTable([new(0, "cosmos")]);
        tables[(int)IpNameKind.DsField] = new NameTable(
        [
            new(0x00, "default"),
            new(0x28, "AF11"), new(0x30, "AF12"), new(0x38, "AF13"),
            new(0x48, "AF21"), new(0x50, "AF22"), new(0x58, "AF23"),
            new(0x68, "AF31"), new(0x70, "AF32"), new(0x78, "AF33"),
            new(0x88, "AF41"), new(0x90, "AF42"), new(0x98, "AF43"),
            new(0x20, "CS1"), new(0x40, "CS2"), new(0x60, "CS3"), new(0x80, "CS4"),
            new(0xA0, "CS5"), new(0xC0, "CS6"), new(0xE0, "CS7"), new(0xB8, "EF"),
        ]);
        return new IpNames(tables);
    }
}
