using System.Net.Sockets;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Diff;

namespace NetLens.Cli.Output.Routing.Diff;

/// <summary>
/// The diff as lines: "+ added", "- removed", "~ old → new", routes with their Origin in brackets,
/// then rules ("rule …") and addresses ("addr …").
/// </summary>
public static class RoutingDiffTextWriter
{
    public static void Write(TextWriter output, RoutingDiff diff, ChangeWords before, ChangeWords after)
    {
        foreach (var change in ForReading(diff.Routes))
        {
            var origin = change.After is { } now ? after.RouteOrigin(now) : before.RouteOrigin(change.Before!);
            output.WriteLine($"{Line(change, before.RouteLine, after.RouteLine)}  [{origin}]");
        }

        foreach (var change in diff.Rules.OrderBy(c => c.Current.Family == AddressFamily.InterNetwork ? 0 : 1).ThenBy(c => c.Current.Priority))
        {
            output.WriteLine(Line(change, r => "rule " + before.RuleLine(r), r => "rule " + after.RuleLine(r)));
        }

        foreach (var change in diff.Addresses)
        {
            output.WriteLine(Line(change, a => "addr " + before.AddressLine(a), a => "addr " + after.AddressLine(a)));
        }
    }

    public static string Sign(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "+",
        ChangeKind.Removed => "-",
        _ => "~",
    };

    private static string Line<T>(Change<T> change, Func<T, string> beforeText, Func<T, string> afterText)
        where T : class => change.Kind switch
        {
            ChangeKind.Added => $"+ {afterText(change.After!)}",
            ChangeKind.Removed => $"- {beforeText(change.Before!)}",
            _ => $"~ {beforeText(change.Before!)} → {afterText(change.After!)}",
        };

    /// <summary>IPv4 then IPv6, main first, local last (as `netlens routes`); stable, so the diff's own order stays within a table.</summary>
    private static IEnumerable<Change<Route>> ForReading(IReadOnlyList<Change<Route>> changes) =>
        changes.OrderBy(c => c.Current.Family == AddressFamily.InterNetwork ? 0 : 1).ThenBy(c => c.Current.Table switch
        {
            RouteTables.Main => -1L,
            RouteTables.Local => long.MaxValue,
            var t => t,
        });
}
