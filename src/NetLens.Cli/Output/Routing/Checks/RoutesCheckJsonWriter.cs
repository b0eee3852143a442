using NetLens.Cli.Output.Json;
using NetLens.Core.Routing.Checks;

namespace NetLens.Cli.Output.Routing.Checks;

/// <summary>`routes --check --json`: one document, `{ "findings": [...] }`.</summary>
public static class RoutesCheckJsonWriter
{
    public static void Write(TextWriter output, IReadOnlyList<RoutingFinding> findings, RouteWords words) =>
        JsonOutput.Write(output, ToDocument(findings, words));

    public static RoutesCheckDocument ToDocument(IReadOnlyList<RoutingFinding> findings, RouteWords words) =>
        new([.. findings.Select(f => new FindingJson
        {
            Id = f.Id,
            Severity = FindingSeverities.Word(f.Severity),
            Message = f.Message,
            Fix = f.Fix,
            Routes = [.. f.Routes.Select(r => new FindingRouteJson
            {
                Role = r.Role,
                Ip = words.IpListingLine(r.Route),
                Destination = RouteText.Destination(r.Route),
                Table = words.TableName(r.Route.Table),
                TableId = r.Route.Table,
                Origin = new OriginJson(RouteText.OriginKind(r.Origin.Kind), r.Origin.Label, r.Origin.Reason),
            })],
            Rules = [.. f.Rules.Select(r => new RuleJson(r.Priority, RuleText.Format(r, words.TableName)))],
        })]);
}
