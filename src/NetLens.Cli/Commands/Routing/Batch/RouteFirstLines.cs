using NetLens.Cli.Output.Routing;
using NetLens.Core.Routing;
using NetLens.Engines.Routing.Batch;

namespace NetLens.Cli.Commands.Routing.Batch;

/// <summary>The batch's answer words: ip's first line, as `route get` prints it (<see cref="RouteWords.IpFirstLine"/>).</summary>
public sealed class RouteFirstLines(RouteWords words) : IRouteLineFormat
{
    public string FirstLine(Route route) => words.IpFirstLine(route);
}
