using System.Net.Sockets;
using NetLens.Cli.Output.Json;
using NetLens.Core.Links;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Diff;

namespace NetLens.Cli.Output.Routing.Diff;

/// <summary>Routes, rules and addresses of one side as their JSON records.</summary>
public static class ChangeJsonMapper
{
    public static string KindWord(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "added",
        ChangeKind.Removed => "removed",
        _ => "changed",
    };

    public static RouteJson Route(Route route, ChangeWords words) => RouteJsonMapper.ToJson(route, words.Routes);

    public static RuleJson Rule(PolicyRule rule, ChangeWords words) => new(rule.Priority, words.RuleLine(rule));

    public static AddressJson Address(InterfaceAddress address, InterfaceNames interfaces, ChangeWords words) => new(
        address.Family == AddressFamily.InterNetworkV6 ? "inet6" : "inet",
        interfaces.NameOf(address.InterfaceIndex),
        address.Local.ToString(),
        address.PrefixLength,
        address.Peer?.ToString(),
        words.AddressLine(address));
}
