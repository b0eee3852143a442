using NetLens.Core.Routing.Checks;

namespace NetLens.Cli.Output.Routing.Checks;

/// <summary>
/// `routes --check` for people: findings grouped by kind, worst kind first; each with its sentence, the rules and routes
/// in ip's words with their origin, and the fix; a last line that counts them (or says routing is clean).
/// </summary>
public static class RoutesCheckTextWriter
{
    public static void Write(TextWriter output, IReadOnlyList<RoutingFinding> findings, RouteWords words)
    {
        if (findings.Count == 0)
        {
            output.WriteLine("no findings: no hidden routes, policy detours, duplicate defaults, off-link gateways or down links");
            return;
        }

        foreach (var group in findings.GroupBy(f => f.Kind))
        {
            var list = group.ToList();
            output.WriteLine($"{FindingSeverities.Word(list[0].Severity)} {group.First().Id} ({list.Count})");
            foreach (var finding in list)
            {
                output.WriteLine($"  - {finding.Message}");
                foreach (var rule in finding.Rules)
                {
                    output.WriteLine($"    rule    {RuleText.Format(rule, words.TableName)}");
                }

                foreach (var route in finding.Routes)
                {
                    output.WriteLine($"    route   {words.IpListingLine(route.Route)}");
                    output.WriteLine($"            {route.Role}; origin {route.Origin.Label}: {route.Origin.Reason}");
                }

                output.WriteLine($"    fix     {finding.Fix}");
            }

            output.WriteLine();
        }

        output.WriteLine(Summary(findings));
    }

    /// <summary>"5 findings: 1 error, 2 warnings, 2 notices".</summary>
    public static string Summary(IReadOnlyList<RoutingFinding> findings)
    {
        var parts = Enum.GetValues<FindingSeverity>().Reverse()
            .Select(s => (Severity: s, Count: findings.Count(f => f.Severity == s)))
            .Where(p => p.Count > 0)
            .Select(p => $"{p.Count} {FindingSeverities.Word(p.Severity)}{(p.Count == 1 ? string.Empty : "s")}");
        return $"{findings.Count} finding{(findings.Count == 1 ? string.Empty : "s")}: {string.Join(", ", parts)}";
    }
}
