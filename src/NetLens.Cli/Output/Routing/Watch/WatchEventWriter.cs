using System.Globalization;
using NetLens.Cli.Output.Json;
using NetLens.Cli.Output.Routing.Diff;
using NetLens.Core.Routing;

namespace NetLens.Cli.Output.Routing.Watch;

/// <summary>
/// Writes one line per routing event, text ("12:00:01.234 added    198.18.5.0/24 via … table main  [static]")
/// or JSON, and flushes it at once so a pipe sees each event as it happens.
/// </summary>
public sealed class WatchEventWriter(TextWriter output, bool json)
{
    public void Write(DateTimeOffset time, RouteMonitorEvent change, ChangeWords words)
    {
        var stamp = time.ToString(json ? "yyyy-MM-ddTHH:mm:ss.fffzzz" : "HH:mm:ss.fff", CultureInfo.InvariantCulture);
        var action = ActionWord(change.Action);
        WatchEventJson record;
        if (change.Route is { } route)
        {
            var origin = words.Routes.Origin(route);
            record = new WatchEventJson(stamp, action, "route", words.RouteLine(route), words.Routes.TableName(route.Table))
            {
                Origin = new(RouteText.OriginKind(origin.Kind), origin.Label, origin.Reason),
                Route = json ? ChangeJsonMapper.Route(route, words) : null,
            };
        }
        else if (change.Rule is { } rule)
        {
            record = new WatchEventJson(stamp, action, "rule", "rule " + words.RuleLine(rule)) { Rule = ChangeJsonMapper.Rule(rule, words) };
        }
        else if (change.Address is { } address)
        {
            record = new WatchEventJson(stamp, action, "address", "addr " + words.AddressLine(address)) { Address = ChangeJsonMapper.Address(address, words.Interfaces, words) };
        }
        else
        {
            record = new WatchEventJson(stamp, action, null, "the kernel dropped events (receive buffer full): changes were missed; run 'netlens routes' for the current state");
        }

        if (json)
        {
            JsonOutput.WriteLine(output, record);
        }
        else
        {
            output.WriteLine(record.Origin is { } o ? $"{stamp} {action,-8} {record.Line}  [{o.Label}]" : $"{stamp} {action,-8} {record.Line}");
        }

        output.Flush();
    }

    public static string ActionWord(RouteMonitorAction action) => action switch
    {
        RouteMonitorAction.Added => "added",
        RouteMonitorAction.Replaced => "replaced",
        RouteMonitorAction.Removed => "removed",
        _ => "overrun",
    };

}
