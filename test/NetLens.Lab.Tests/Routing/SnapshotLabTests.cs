using System.Text.Json;
using NetLens.Cli.Snapshots;
using NetLens.Core.Routing;
using NetLens.Linux.Routing;

namespace NetLens.Lab.Tests.Routing;

/// <summary>`routes --save` and `routes --diff` on the rich routing lab: lossless files, exact differences with origins.</summary>
public sealed class SnapshotLabTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("netlens-lab-snapshot-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SkippableFact]
    public void A_saved_lab_namespace_loads_back_field_for_field()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new RoutingLab();
        var path = Path.Combine(_directory, "lab.json");

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "routes", "--save", path);
        RoutingSnapshot kernel;
        using (var netlink = RouteNetlink.OpenInNamespace(lab.Ns.Name))
        {
            kernel = RoutingSnapshotReader.Read(netlink);
        }

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        var saved = RoutingSnapshotFile.Read(path);
        Assert.Equal(lab.Ns.Name, saved.Metadata.Netns);
        Assert.Equal(
            $"netlens: saved {kernel.Routes.Count} routes, {kernel.Rules.Count} rules, {kernel.Links.Count} links and {kernel.Addresses.Count} addresses to {path}\n",
            run.Stderr);
        AssertSame(kernel, saved.Snapshot);
        Assert.Contains(saved.Snapshot.Routes, r => r.IsMultipath && r.Nexthops.Select(n => n.Weight).SequenceEqual([1, 3]));
        Assert.Contains(saved.Snapshot.Routes, r => r.Metrics.Count > 0 && r.LockedMetrics != 0);
        Assert.Contains(saved.Snapshot.Rules, r => r.UidRange is not null);
    }

    [SkippableFact]
    public void Diff_names_exactly_what_was_added_removed_and_changed_with_origins()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new RoutingLab();
        var ns = lab.Ns;
        var path = Path.Combine(_directory, "before.json");
        Assert.Equal(0, NetLensRunner.Run("--netns", ns.Name, "routes", "--save", path).ExitCode);
        var unchanged = NetLensRunner.Run("--netns", ns.Name, "routes", "--diff", path);
        var before = IpRouteLines(ns);
        Assert.Equal((0, string.Empty), (unchanged.ExitCode, unchanged.Stdout));

        ns.Ip("route add 198.18.40.0/24 via 198.18.0.2 proto static");
        ns.Ip("route del blackhole 198.18.21.0/24");
        ns.Ip("route replace 198.18.12.0/24 via 198.18.0.3 proto dhcp src 198.18.0.1 metric 1024");
        ns.Ip("rule add fwmark 0x20 lookup 100 priority 400");
        ns.Ip("addr add 198.18.3.1/24 dev lab1");
        var after = IpRouteLines(ns);
        var json = NetLensRunner.Run("--netns", ns.Name, "--json", "routes", "--diff", path);
        var text = NetLensRunner.Run("--netns", ns.Name, "routes", "--diff", path);
        var ipv6Only = NetLensRunner.Run("--netns", ns.Name, "routes", "--diff", path, "-6");

        Assert.Equal(1, json.ExitCode);
        using var document = JsonDocument.Parse(json.Stdout);
        var routes = document.RootElement.GetProperty("routes").EnumerateArray().ToList();
        var addedLines = routes.Where(r => r.GetProperty("change").GetString() != "removed").Select(r => r.GetProperty("after").GetProperty("ip").GetString()!);
        var removedLines = routes.Where(r => r.GetProperty("change").GetString() != "added").Select(r => r.GetProperty("before").GetProperty("ip").GetString()!);
        Assert.Equal(after.Except(before).Order(), addedLines.Order());
        Assert.Equal(before.Except(after).Order(), removedLines.Order());

        Assert.Equal("static", Origin(routes, "added", "198.18.40.0/24"));
        Assert.Equal("kernel", Origin(routes, "added", "198.18.3.0/24"));
        Assert.Equal("local", Origin(routes, "added", "198.18.3.1"));
        Assert.Equal("static", Origin(routes, "removed", "198.18.21.0/24"));
        var changed = Assert.Single(routes, r => r.GetProperty("change").GetString() == "changed");
        Assert.Equal("198.18.12.0/24", changed.GetProperty("after").GetProperty("destination").GetString());
        Assert.Equal(["gateway"], changed.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("dhcp", changed.GetProperty("after").GetProperty("origin").GetProperty("kind").GetString());

        var rule = Assert.Single(document.RootElement.GetProperty("rules").EnumerateArray());
        Assert.Equal("added", rule.GetProperty("change").GetString());
        Assert.Equal(IpRuleLine(ns, 400), rule.GetProperty("after").GetProperty("text").GetString());
        var address = Assert.Single(document.RootElement.GetProperty("addresses").EnumerateArray());
        Assert.Equal("added", address.GetProperty("change").GetString());
        Assert.Equal("lab1 inet 198.18.3.1/24 scope global", address.GetProperty("after").GetProperty("ip").GetString());
        Assert.Equal(routes.Count + 2, document.RootElement.GetProperty("differences").GetInt32());

        Assert.Equal(1, text.ExitCode);
        var lines = text.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("+ 198.18.40.0/24 via 198.18.0.2 dev lab0 proto static table main  [static]", lines);
        Assert.Contains(lines, l => l.StartsWith("- blackhole 198.18.21.0/24 table main  [", StringComparison.Ordinal));
        Assert.Contains(
            "~ 198.18.12.0/24 via 198.18.0.2 dev lab0 proto dhcp src 198.18.0.1 metric 1024 table main → 198.18.12.0/24 via 198.18.0.3 dev lab0 proto dhcp src 198.18.0.1 metric 1024 table main  [dhcp]",
            lines);
        Assert.Contains("+ rule 400: from all fwmark 0x20 lookup 100", lines);
        Assert.Contains("+ addr lab1 inet 198.18.3.1/24 scope global", lines);

        Assert.Equal((0, string.Empty), (ipv6Only.ExitCode, ipv6Only.Stdout));
    }

    private static string? Origin(List<JsonElement> routes, string change, string destination)
    {
        var side = change == "removed" ? "before" : "after";
        return routes.Single(r => r.GetProperty("change").GetString() == change && r.GetProperty(side).GetProperty("destination").GetString() == destination)
            .GetProperty(side).GetProperty("origin").GetProperty("kind").GetString();
    }

    /// <summary>`ip -4 route show table all`, one line per route (multipath nexthop lines joined as netlens joins them).</summary>
    private static HashSet<string> IpRouteLines(LabNamespace ns)
    {
        var lines = new List<string>();
        foreach (var line in ns.Ip("-4 route show table all").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (char.IsWhiteSpace(line[0]) && lines.Count > 0)
            {
                lines[^1] += " " + line.Trim();
            }
            else
            {
                lines.Add(line.Trim());
            }
        }

        return [.. lines];
    }

    /// <summary>The rule of this priority as `ip rule` prints it, its tab made a space.</summary>
    internal static string IpRuleLine(LabNamespace ns, uint priority) =>
        ns.Ip("rule show").Split('\n').Single(l => l.StartsWith($"{priority}:", StringComparison.Ordinal)).Replace(":\t", ": ", StringComparison.Ordinal).Trim();

    private static void AssertSame(RoutingSnapshot expected, RoutingSnapshot actual)
    {
        Assert.Equal(expected.Links, actual.Links);
        Assert.Equal(expected.Addresses, actual.Addresses);
        Assert.Equal(expected.Rules, actual.Rules);
        Assert.Equal(expected.Routes.Count, actual.Routes.Count);
        foreach (var (e, a) in expected.Routes.Zip(actual.Routes))
        {
            Assert.Equal(e.Nexthops, a.Nexthops);
            Assert.Equal(e.Metrics, a.Metrics);
            Assert.Equal(e with { Nexthops = [], Metrics = [] }, a with { Nexthops = [], Metrics = [] });
        }
    }
}
