namespace NetLens.Core.Routing.Names;

/// <summary>The five iproute2 name databases; the value names the file under /etc/iproute2.</summary>
public enum IpNameKind
{
    Tables,
    Protocols,
    Scopes,
    Realms,
    DsField,
}

public static class IpNameKinds
{
    public static string FileName(IpNameKind kind) => kind switch
    {
        IpNameKind.Tables => "rt_tables",
        IpNameKind.Protocols => "rt_protos",
        IpNameKind.Scopes => "rt_scopes",
        IpNameKind.Realms => "rt_realms",
        IpNameKind.DsField => "rt_dsfield",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Only these two have a ".d" directory of *.conf files in iproute2 6.x.</summary>
    public static bool HasConfDirectory(IpNameKind kind) => kind is IpNameKind.Tables or IpNameKind.Protocols;

    /// <summary>The largest id a file entry may carry (table ids are 32-bit, the others one byte).</summary>
    public static uint MaxId(IpNameKind kind) => kind == IpNameKind.Tables ? uint.MaxValue : 255;
}
