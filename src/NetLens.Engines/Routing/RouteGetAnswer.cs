using NetLens.Core.Links;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Lookup;

namespace NetLens.Engines.Routing;

/// <summary>The kernel's answer to one lookup, with the rules and the links its words need.</summary>
public sealed record RouteGetAnswer(RouteExplanation Explanation, IReadOnlyList<PolicyRule> Rules, IReadOnlyList<Link> Links);

/// <summary>
/// The in-process engine's decision (`--explain`, `--snapshot`) with its trace, the short answer made from it, and the
/// snapshot it decided from (its links and rules name things in the answer).
/// </summary>
public sealed record RouteExplainAnswer(RouteDecision Decision, RouteExplanation Explanation, RoutingSnapshot Snapshot);
