using NetLens.Core.Routing;

namespace NetLens.Engines.Routing.Batch;

/// <summary>
/// How an answer reads: ip's first line for a route, in the names of the snapshot the batch is answered from. The
/// engine formats each answer shape once through it and copies the words around the destination for every other line.
/// </summary>
public interface IRouteLineFormat
{
    string FirstLine(Route route);
}
