using NetLens.Core.Links;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Names;

namespace NetLens.Cli.Output.Routing.Diff;

/// <summary>Routes, rules and addresses of one side (a snapshot, or the kernel now) in the words diff and watch lines use.</summary>
public sealed class ChangeWords(IpNames names, InterfaceNames interfaces, IReadOnlyList<PolicyRule> rules)
{
    public RouteWords Routes { get; } = new(names, interfaces, rules);

    public InterfaceNames Interfaces => interfaces;

    /// <summary>ip's listing line, always naming the table (ip leaves "table main" out).</summary>
    public string RouteLine(Route route)
    {
        var line = Routes.IpListingLine(route);
        return route.Table == RouteTables.Main ? line + " table main" : line;
    }

    public string RouteOrigin(Route route) => Routes.Origin(route).Label;

    public string RuleLine(PolicyRule rule) => RuleText.Format(rule, names.TableName);

    public string AddressLine(InterfaceAddress address) => AddressText.Format(address, interfaces, names);
}
