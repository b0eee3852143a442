using NetLens.Core;
using NetLens.Core.Routing;

namespace NetLens.Engines.Routing;

/// <summary>One `route get` question: the address (and the name it came from) and the packet's selectors.</summary>
/// <param name="Target">The destination the user named.</param>
/// <param name="Lookup">The selectors the kernel (or the in-process engine) decides on.</param>
/// <param name="Snapshot">A saved snapshot to decide from instead of the kernel's tables, with the file it came from.</param>
/// <param name="Uid">The uid rules see when the question names none (the caller's).</param>
public sealed record RouteGetRequest(ResolvedTarget Target, RouteLookupRequest Lookup, SavedSnapshot? Snapshot, uint Uid);

/// <summary>A snapshot read from a file, and the file's path (said in the answer's source).</summary>
public sealed record SavedSnapshot(RoutingSnapshot Snapshot, string Path);
