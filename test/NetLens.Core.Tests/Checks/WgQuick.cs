using System.Net.Sockets;
using NetLens.Core.Routing;

namespace NetLens.Core.Tests.Checks;

/// <summary>What wg-quick sets up for AllowedIPs = 0.0.0.0/0: table 51820 and its two rules before main.</summary>
internal static class WgQuick
{
    public static Snapshots Rules(this Snapshots snapshots, AddressFamily family = AddressFamily.InterNetwork) => snapshots
        .Rule(new() { Family = family, Priority = 0, Table = RouteTables.Local })
        .Rule(new() { Family = family, Priority = 31999, Table = RouteTables.Main, SuppressPrefixLength = 0 })
        .Rule(new() { Family = family, Priority = 32000, Table = 51820, Invert = true, FwMark = 0xca6c })
        .Rule(new() { Family = family, Priority = 32766, Table = RouteTables.Main })
        .Rule(new() { Family = family, Priority = 32767, Table = RouteTables.Default });
}
