using System.Net.Sockets;

namespace NetLens.Core.Routing.Checks;

/// <summary>The default route `route -n` shows as in use: main's unicast default with the lowest metric.</summary>
internal static class MainDefault
{
    public static Route? Of(CheckContext context, AddressFamily family) => context.RoutesOf(family, RouteTables.Main)
        .Where(r => r.Destination.IsDefault && r.Type == RouteType.Unicast && r.Source is null or { IsDefault: true } && r.Tos == 0)
        .OrderBy(r => r.Priority ?? 0)
        .FirstOrDefault();

    /// <summary>The first rule that looks up main in full (no suppress_prefixlength): where `route -n` stops being the whole story.</summary>
    public static uint MainRulePriority(CheckContext context, AddressFamily family) => context.RulesOf(family)
        .FirstOrDefault(r => r.Action == RuleAction.ToTable && r.Table == RouteTables.Main && r.SuppressPrefixLength is null && r.SuppressInterfaceGroup is null)
        ?.Priority ?? uint.MaxValue;

    /// <summary>True for the tables `route -n` and `ip route` show, or that hold only this host's own addresses.</summary>
    public static bool IsShown(uint table) => table is RouteTables.Main or RouteTables.Local;
}
