using NetLens.Core.Links;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Checks;

namespace NetLens.Engines.Routing;

/// <summary>What a listing read: the links (for names), the rules and the routes.</summary>
public sealed record RoutesListing(IReadOnlyList<Link> Links, IReadOnlyList<PolicyRule> Rules, IReadOnlyList<Route> Routes);

/// <summary>The snapshot the checks read, and what they found.</summary>
public sealed record RoutesCheckReport(RoutingSnapshot Snapshot, IReadOnlyList<RoutingFinding> Findings);

/// <summary>One change, with the links and rules known when it came; <see cref="NamesChanged"/> when those changed with it.</summary>
public sealed record RouteWatchEvent(RouteMonitorEvent Change, IReadOnlyCollection<Link> Links, IReadOnlyList<PolicyRule> Rules, bool NamesChanged);
