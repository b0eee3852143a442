using System.Net.Sockets;
using System.Text.Json;
using NetLens.Cli.Commands.Routing;
using NetLens.Lab.Tests.Routing;

namespace NetLens.Lab.Tests.Json;

/// <summary>routes and route get with --json on the routing lab: the facts ip gives, in documents their schemas accept.</summary>
public sealed class RoutingJsonSchemaLabTests(RoutingLab lab) : IClassFixture<RoutingLab>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("netlens-json-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableFact]
    public void Routes_json_has_every_route_ip_lists_and_fits_its_schema()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var expected = RouteCount(lab.Ns.Ip("-4 route show table all")) + RouteCount(lab.Ns.Ip("-6 route show table all"));

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "--json", "routes");

        Assert.True(run.ExitCode == 0, run.Stderr);
        JsonSchemaCheck.AssertValid("routes", run.Stdout);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(expected, json.RootElement.GetProperty("routes").GetArrayLength());
    }

    [SkippableTheory]
    [InlineData("198.18.30.5", "--from", "198.18.2.1")]
    [InlineData("198.18.10.7")]
    [InlineData("2001:db8:10::1")]
    public void Route_get_json_has_ips_first_line_and_fits_its_schema(string destination, params string[] extra)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var expected = lab.Ns.Ip(string.Join(' ', ["route", "get", destination, .. extra.Select(e => e.TrimStart('-'))])).Split('\n')[0].TrimEnd();

        var run = NetLensRunner.Run(["--netns", lab.Ns.Name, "--json", "route", "get", destination, .. extra]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        JsonSchemaCheck.AssertValid("route-get", run.Stdout);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(expected, json.RootElement.GetProperty("line").GetString());
        Assert.Equal("netlink", json.RootElement.GetProperty("mechanism").GetString());
    }

    [SkippableFact]
    public void Route_get_json_without_a_route_has_the_error_and_fits_its_schema()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "--json", "route", "get", "198.18.20.1");

        Assert.Equal(1, run.ExitCode);
        JsonSchemaCheck.AssertValid("route-get", run.Stdout);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.False(json.RootElement.GetProperty("found").GetBoolean());
        Assert.True(json.RootElement.TryGetProperty("errno", out _));
    }

    [SkippableFact]
    public void Route_get_explain_json_names_the_deciding_rule_and_fits_its_schema()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var expected = lab.Ns.Ip("route get 198.18.10.7").Split('\n')[0].TrimEnd();

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "--json", "route", "get", "198.18.10.7", "--explain");

        Assert.True(run.ExitCode == 0, run.Stderr);
        JsonSchemaCheck.AssertValid("route-get-explain", run.Stdout);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(expected, json.RootElement.GetProperty("line").GetString());
        var decided = json.RootElement.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("verdict").GetString() == "decided");
        Assert.Equal(31999u, decided.GetProperty("priority").GetUInt32());
    }

    [SkippableFact]
    public void Route_get_from_a_snapshot_says_so_and_fits_the_route_get_schema()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var path = Path.Combine(_directory, "lab.json");
        Assert.Equal(0, NetLensRunner.Run("--netns", lab.Ns.Name, "routes", "--save", path).ExitCode);
        var expected = lab.Ns.Ip("route get 198.18.10.7").Split('\n')[0].TrimEnd();

        var run = NetLensRunner.Run("--json", "route", "get", "198.18.10.7", "--snapshot", path);

        Assert.True(run.ExitCode == 0, run.Stderr);
        JsonSchemaCheck.AssertValid("route-get", run.Stdout);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(expected, json.RootElement.GetProperty("line").GetString());
        Assert.Equal("snapshot", json.RootElement.GetProperty("mechanism").GetString());
    }

    [SkippableFact]
    public void Routes_diff_json_names_what_changed_and_fits_its_schema()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var own = new RoutingLab();
        var path = Path.Combine(_directory, "before.json");
        Assert.Equal(0, NetLensRunner.Run("--netns", own.Ns.Name, "routes", "--save", path).ExitCode);
        own.Ns.Ip("route add 198.18.40.0/24 via 198.18.0.2 proto static");
        own.Ns.Ip("route del blackhole 198.18.21.0/24");
        own.Ns.Ip("rule add fwmark 0x20 lookup 100 priority 400");
        own.Ns.Ip("addr add 198.18.3.1/24 dev lab1");

        var run = NetLensRunner.Run("--netns", own.Ns.Name, "--json", "routes", "--diff", path);

        Assert.Equal(1, run.ExitCode);
        JsonSchemaCheck.AssertValid("routes-diff", run.Stdout);
        using var json = JsonDocument.Parse(run.Stdout);
        var routes = json.RootElement.GetProperty("routes").EnumerateArray().ToList();
        Assert.Contains(routes, r => r.GetProperty("change").GetString() == "added" && r.GetProperty("after").GetProperty("destination").GetString() == "198.18.40.0/24");
        Assert.Contains(routes, r => r.GetProperty("change").GetString() == "removed" && r.GetProperty("before").GetProperty("destination").GetString() == "198.18.21.0/24");
        Assert.Equal(400u, Assert.Single(json.RootElement.GetProperty("rules").EnumerateArray()).GetProperty("after").GetProperty("priority").GetUInt32());
        Assert.Single(json.RootElement.GetProperty("addresses").EnumerateArray());
    }

    [SkippableFact]
    public async Task Routes_watch_json_lines_each_fit_the_event_schema()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var own = new RoutingLab();

        var watched = await WatchLabTests.WatchWhile(new RoutesOptions { Netns = own.Ns.Name, Json = true, Family = AddressFamily.InterNetwork }, "198.18.49.0/24", () =>
        {
            own.Ns.Ip("route add 198.18.41.0/24 via 198.18.0.2 proto static");
            own.Ns.Ip("rule add fwmark 0x21 lookup 100 priority 401");
            own.Ns.Ip("addr add 198.18.4.1/24 dev lab1");
            own.Ns.Ip("route add 198.18.49.0/24 dev lab0");
            return 0;
        });

        JsonSchemaCheck.AssertValidLines("routes-watch-event", string.Join('\n', watched.Lines));
        var objects = watched.Lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("object").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "route", "rule", "address" }, objects);
    }

    [SkippableFact]
    public void Route_get_batch_json_is_one_line_per_question_with_ips_answer_and_each_fits_its_schema()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        string[] questions = ["198.18.10.7", "198.18.20.1", "198.18.0.1", "2001:db8:10::1", "198.18.30.5 from 198.18.2.1"];
        var path = Path.Combine(_directory, "questions");
        File.WriteAllText(path, string.Join('\n', questions) + "\n");

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "--json", "route", "get", "--batch", path);

        Assert.True(run.ExitCode == 0, run.Stderr);
        JsonSchemaCheck.AssertValidLines("route-get-batch-answer", run.Stdout);
        var answers = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(questions.Length, answers.Count);
        foreach (var (question, answer) in questions.Zip(answers))
        {
            Assert.Equal(question.Split(' ')[0], answer.GetProperty("destination").GetString());
            var ip = lab.Ns.TryIp("route get " + question);
            if (ip.ExitCode == 0)
            {
                Assert.True(answer.GetProperty("found").GetBoolean(), question);
                Assert.Equal(ip.Stdout.Split('\n')[0].TrimEnd(), answer.GetProperty("line").GetString());
            }
            else
            {
                Assert.False(answer.GetProperty("found").GetBoolean(), question);
                Assert.Equal(ip.Stderr.Trim(), "RTNETLINK answers: " + answer.GetProperty("error").GetString());
            }
        }
    }

    [SkippableFact]
    public void Routes_save_json_says_what_the_file_holds_and_fits_its_schema()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var path = Path.Combine(_directory, "saved.json");
        var expected = RouteCount(lab.Ns.Ip("-4 route show table all")) + RouteCount(lab.Ns.Ip("-6 route show table all"));

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "--json", "routes", "--save", path);

        Assert.True(run.ExitCode == 0, run.Stderr);
        JsonSchemaCheck.AssertValid("routes-save", run.Stdout);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(path, json.RootElement.GetProperty("snapshot").GetProperty("file").GetString());
        Assert.Equal(lab.Ns.Name, json.RootElement.GetProperty("snapshot").GetProperty("netns").GetString());
        Assert.Equal(expected, json.RootElement.GetProperty("saved").GetProperty("routes").GetInt32());
        Assert.True(File.Exists(path));
    }

    private static int RouteCount(string ipOutput) =>
        ipOutput.Split('\n').Count(l => l.Length > 0 && !char.IsWhiteSpace(l[0]));
}
