using System.Net.Sockets;
using NetLens.Core.Routing;

namespace NetLens.Cli.Output.Classic;

/// <summary>What the user typed: `ip [-4|-6] route [show [table main|all|N]]`.</summary>
/// <param name="Family">-4, -6, or Unspecified when neither was given.</param>
/// <param name="Table">The table selector; null is "table all". ip's default is main.</param>
public readonly record struct IpRouteQuery(AddressFamily Family = AddressFamily.Unspecified, uint? Table = RouteTables.Main)
{
    /// <summary>`ip route`: IPv4, table main.</summary>
    public static IpRouteQuery Default => new();

    /// <summary>`ip -6 route`.</summary>
    public static IpRouteQuery Ipv6 => new(AddressFamily.InterNetworkV6);

    /// <summary>`ip route show table all` (both families unless -4/-6 was given).</summary>
    public static IpRouteQuery AllTables(AddressFamily family = AddressFamily.Unspecified) => new(family, null);

    /// <summary>The table ip filters on; "table 0" (unspec) means all, as in ip.</summary>
    public uint? TableFilter => Table is 0 ? null : Table;

    /// <summary>A table filter makes ip default to IPv4; only "table all" keeps both families.</summary>
    public AddressFamily EffectiveFamily =>
        Family == AddressFamily.Unspecified && TableFilter is not null ? AddressFamily.InterNetwork : Family;
}
