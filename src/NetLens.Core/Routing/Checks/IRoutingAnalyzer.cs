namespace NetLens.Core.Routing.Checks;

/// <summary>One check over a routing snapshot; pure, so tests feed it hand-built snapshots.</summary>
public interface IRoutingAnalyzer
{
    IEnumerable<RoutingFinding> Analyze(CheckContext context);
}
