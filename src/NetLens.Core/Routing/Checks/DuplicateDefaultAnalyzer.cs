namespace NetLens.Core.Routing.Checks;

/// <summary>
/// Two or more default routes with the same metric in one table (`ip route append`, two DHCP clients): the kernel uses one
/// and moves to another only when its gateway's neighbour entry fails, so which gateway carries traffic can change unseen.
/// </summary>
public sealed class DuplicateDefaultAnalyzer : IRoutingAnalyzer
{
    public IEnumerable<RoutingFinding> Analyze(CheckContext context)
    {
        foreach (var family in CheckContext.Families)
        {
            var groups = context.RoutesOf(family)
                .Where(r => r.Destination.IsDefault && r.Type == RouteType.Unicast && r.Table != RouteTables.Local && r.Source is null or { IsDefault: true })
                .GroupBy(r => (r.Table, Metric: r.Priority ?? 0, r.Tos))
                .Where(g => g.Count() > 1);
            foreach (var group in groups)
            {
                var routes = group.ToList();
                var table = context.TableName(group.Key.Table);
                var inTable = group.Key.Table == RouteTables.Main ? string.Empty : $" table {table}";
                yield return new RoutingFinding
                {
                    Kind = FindingKind.DuplicateDefault,
                    Severity = FindingSeverity.Warning,
                    Message = $"{routes.Count} default routes in table {table} have metric {group.Key.Metric} "
                        + $"({string.Join("; ", routes.Select(r => context.PathWords(r).Trim()))}): the kernel sends everything{context.PathWords(routes[0])} "
                        + "and switches to another only when that gateway stops answering, so the path can change without notice.",
                    Fix = $"Give them different metrics (`ip route del default{context.PathWords(routes[^1])} metric {group.Key.Metric}{inTable}` "
                        + $"then `ip route add default{context.PathWords(routes[^1])} metric {group.Key.Metric + 1}{inTable}`), "
                        + "or merge them into one multipath route (`ip route replace default nexthop via … nexthop via …`).",
                    Routes = [.. routes.Select((r, i) => context.Involve(r, i == 0 ? "used" : "standby"))],
                };
            }
        }
    }
}
