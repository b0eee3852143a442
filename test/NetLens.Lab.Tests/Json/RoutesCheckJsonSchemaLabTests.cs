using System.Text.Json;
using NetLens.Lab.Tests.Routing;

namespace NetLens.Lab.Tests.Json;

/// <summary>routes --check --json on the check lab: the situations built there, in a document its schema accepts.</summary>
public sealed class RoutesCheckJsonSchemaLabTests(RoutesCheckLab lab) : IClassFixture<RoutesCheckLab>
{
    [SkippableFact]
    public void Every_finding_fits_the_schema_and_the_docker_overlap_is_among_them()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var ns = lab.Check ?? throw new InvalidOperationException(LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", ns.Name, "--json", "routes", "--check");

        Assert.Equal(1, run.ExitCode);
        JsonSchemaCheck.AssertValid("routes-check", run.Stdout);
        using var json = JsonDocument.Parse(run.Stdout);
        var hides = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "route-hides-broader");
        Assert.Equal(["198.19.17.0/24", "198.19.0.0/16"], hides.GetProperty("routes").EnumerateArray().Select(r => r.GetProperty("destination").GetString()));
    }

    [SkippableFact]
    public void A_clean_namespace_is_an_empty_list_that_fits_the_schema()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var ns = lab.Clean ?? throw new InvalidOperationException(LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", ns.Name, "--json", "routes", "--check");

        Assert.Equal(0, run.ExitCode);
        JsonSchemaCheck.AssertValid("routes-check", run.Stdout);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(0, json.RootElement.GetProperty("findings").GetArrayLength());
    }
}
