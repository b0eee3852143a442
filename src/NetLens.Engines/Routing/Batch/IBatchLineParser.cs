using NetLens.Core.Routing;

namespace NetLens.Engines.Routing.Batch;

/// <summary>
/// One batch line's question, read the way the front end words its options (the CLI's `--from`, `--mark`… with the
/// command line's values as defaults): the engine checks the bytes and shares option sets, the parser gives them meaning.
/// </summary>
public interface IBatchLineParser
{
    /// <summary>The question on <paramref name="line"/>; throws <see cref="Core.UsageException"/> naming what is wrong.</summary>
    RouteLookupRequest Parse(ReadOnlySpan<char> line);
}
