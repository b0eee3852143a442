namespace NetLens.Cli.Output.Routing;

/// <summary>One row of netlens's routes table, already in words; renderers only lay it out.</summary>
public sealed record RouteRow(
    string Destination,
    string Gateway,
    string Device,
    string Table,
    string Protocol,
    string Metric,
    string Scope,
    string Source,
    string Origin,
    string OriginKind);
