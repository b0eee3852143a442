using NetLens.Cli.Output.Json;
using NetLens.Cli.Output.Routing.Diff;

namespace NetLens.Cli.Output.Routing.Watch;

/// <summary>One line of `routes --watch --json`: what happened, when, and to what.</summary>
/// <param name="Time">Local time with offset, milliseconds.</param>
/// <param name="Event">added, replaced, removed or overrun.</param>
/// <param name="Object">route, rule or address (absent for an overrun).</param>
/// <param name="Line">The object in ip's words.</param>
/// <param name="Table">The route's table name.</param>
/// <param name="Origin">Who put the route there.</param>
/// <param name="Route">The route's full record (as `routes --json`).</param>
/// <param name="Rule">The rule's priority and text.</param>
/// <param name="Address">The address's record.</param>
public sealed record WatchEventJson(
    string Time,
    string Event,
    string? Object,
    string Line,
    string? Table = null,
    OriginJson? Origin = null,
    RouteJson? Route = null,
    RuleJson? Rule = null,
    AddressJson? Address = null);
