using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetLens.Core;
using NetLens.Core.Routing;
using NetLens.Linux.Routing;

namespace NetLens.Linux.Tests.Routing;

/// <summary>A real NETLINK_ROUTE socket in a fresh loopback-only namespace (needs root to create it).</summary>
public sealed class RouteNetlinkIntegrationTests : IDisposable
{
    private readonly string _namespace = $"nlA-{Guid.NewGuid().ToString("N")[..8]}";
    private readonly bool _created;

    public RouteNetlinkIntegrationTests()
    {
        try
        {
            _created = Environment.UserName == "root" && Ip("netns", "add", _namespace) == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // no ip binary: the namespace tests skip
        }
    }

    [SkippableFact]
    public void Opens_in_a_namespace_dumps_its_links_and_puts_the_thread_back()
    {
        Skip.IfNot(_created, "needs root and iproute2 to create a network namespace");
        var before = ThreadNamespace();

        using var netlink = RouteNetlink.OpenInNamespace(_namespace);

        Assert.Equal(before, ThreadNamespace());
        var link = Assert.Single(netlink.DumpLinks());
        Assert.Equal(("lo", 1), (link.Name, link.Index));
        Assert.Equal(1, netlink.GetLink("lo")?.Index);
        Assert.Equal("lo", netlink.GetLink(1)?.Name);
        Assert.Null(netlink.GetLink(4242));
        Assert.Null(netlink.GetLink("nosuch0"));
        Assert.Equal([32766u, 32767u], netlink.DumpRules(AddressFamily.InterNetwork).Where(r => r.Priority > 0).Select(r => r.Priority));
    }

    [SkippableFact]
    public void Lookup_reports_a_refusal_as_an_outcome_and_an_unknown_device_as_bad_usage()
    {
        Skip.IfNot(_created, "needs root and iproute2 to create a network namespace");
        using var netlink = RouteNetlink.OpenInNamespace(_namespace);

        var outcome = netlink.Lookup(new RouteLookupRequest { Destination = IPAddress.Parse("198.18.0.1") });

        Assert.False(outcome.Found);
        Assert.Equal((101, "Network is unreachable"), (outcome.Errno, outcome.Error));
        var error = Assert.Throws<UsageException>(() => netlink.Lookup(new RouteLookupRequest { Destination = IPAddress.Parse("198.18.0.1"), OutputInterface = "nosuch0" }));
        Assert.Equal("Cannot find device \"nosuch0\"", error.Message);
    }

    [SkippableFact]
    public void Lookup_and_dump_see_the_namespace_routes()
    {
        Skip.IfNot(_created, "needs root and iproute2 to create a network namespace");
        Assert.Equal(0, Ip("-n", _namespace, "link", "set", "lo", "up"));
        Assert.Equal(0, Ip("-n", _namespace, "addr", "add", "198.18.0.1/24", "dev", "lo"));
        Assert.Equal(0, Ip("-n", _namespace, "route", "add", "198.18.9.0/24", "via", "198.18.0.2", "metric", "7"));
        using var netlink = RouteNetlink.OpenInNamespace(_namespace);

        var routes = netlink.DumpRoutes(AddressFamily.InterNetwork);
        var resolved = netlink.Lookup(new RouteLookupRequest { Destination = IPAddress.Parse("198.18.9.9") });
        var matched = netlink.Lookup(new RouteLookupRequest { Destination = IPAddress.Parse("198.18.9.9"), FibMatch = true });

        Assert.Contains(routes, r => r.Destination.ToString() == "198.18.9.0/24" && r.Priority == 7u);
        Assert.True(resolved.Found, resolved.Error);
        Assert.Equal("198.18.9.9/32", resolved.Route!.Destination.ToString());
        Assert.True(matched.Found, matched.Error);
        Assert.Equal("198.18.9.0/24", matched.Route!.Destination.ToString());
        Assert.Equal(IPAddress.Parse("198.18.0.2"), matched.Route.Gateway);
        Assert.Contains(netlink.DumpAddresses(AddressFamily.InterNetwork), a => a.Local.Equals(IPAddress.Parse("198.18.0.1")));
    }

    [Fact]
    public void Unknown_namespace_is_bad_usage()
    {
        var error = Assert.Throws<UsageException>(() => RouteNetlink.OpenInNamespace("nlA-does-not-exist"));

        Assert.Equal("network namespace \"nlA-does-not-exist\" not found", error.Message);
    }

    public void Dispose()
    {
        if (_created)
        {
            Ip("netns", "del", _namespace);
        }
    }

    private static string ThreadNamespace() => new FileInfo("/proc/thread-self/ns/net").LinkTarget ?? "";

    private static int Ip(params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("ip", arguments) { RedirectStandardError = true })!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
