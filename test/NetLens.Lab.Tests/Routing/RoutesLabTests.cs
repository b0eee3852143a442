using System.Text.Json;

namespace NetLens.Lab.Tests.Routing;

/// <summary>`netlens routes`: every table, every route, each with who put it there.</summary>
public class RoutesLabTests(RoutingLab lab) : IClassFixture<RoutingLab>
{
    [SkippableFact]
    public void Json_has_every_route_of_every_table_with_its_origin()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var expectedCount = RouteCount(lab.Ns.Ip("-4 route show table all")) + RouteCount(lab.Ns.Ip("-6 route show table all"));

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "--json", "routes");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var routes = json.RootElement.GetProperty("routes").EnumerateArray().ToList();
        Assert.Equal(expectedCount, routes.Count);
        Assert.Equal("docker", OriginOf(routes, "198.19.0.0/16", "main"));
        Assert.Equal("vpn", OriginOf(routes, "default", "51820"));
        Assert.Equal("routing-daemon", OriginOf(routes, "198.18.14.5", "main"));
        Assert.Equal("dhcp", OriginOf(routes, "198.18.12.0/24", "main"));
        Assert.Equal("local", OriginOf(routes, "198.18.0.1", "local"));
        var ecmp = routes.Single(r => r.GetProperty("destination").GetString() == "198.18.11.0/24");
        Assert.Equal([1, 3], ecmp.GetProperty("nexthops").EnumerateArray().Select(n => n.GetProperty("weight").GetInt32()));
    }

    [SkippableFact]
    public void The_table_shows_all_tables_and_both_families_with_an_origin_column()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "routes");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Destination", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("Origin", lines[0], StringComparison.Ordinal);
        foreach (var table in new[] { " main ", " local ", " 100 ", " 200 ", " 51820 " })
        {
            Assert.Contains(lines, l => l.Contains(table, StringComparison.Ordinal));
        }

        Assert.Contains(lines, l => l.StartsWith("2001:db8:10::/48", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("198.19.0.0/16", StringComparison.Ordinal) && l.EndsWith("docker", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData("-4")]
    [InlineData("-6")]
    public void A_family_flag_narrows_the_listing(string flag)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "--json", "routes", flag);

        using var json = JsonDocument.Parse(run.Stdout);
        var families = json.RootElement.GetProperty("routes").EnumerateArray().Select(r => r.GetProperty("family").GetString()).Distinct();
        Assert.Equal([flag == "-4" ? "inet" : "inet6"], families);
    }

    private static int RouteCount(string ipOutput) =>
        ipOutput.Split('\n').Count(l => l.Length > 0 && !char.IsWhiteSpace(l[0]));

    private static string? OriginOf(List<JsonElement> routes, string destination, string table) =>
        routes.First(r => r.GetProperty("destination").GetString() == destination && r.GetProperty("table").GetString() == table)
            .GetProperty("origin").GetProperty("kind").GetString();
}
