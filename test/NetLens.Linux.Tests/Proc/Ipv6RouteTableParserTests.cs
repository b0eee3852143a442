using System.Net;
using NetLens.Linux.Proc;

namespace NetLens.Linux.Tests.Proc;

public class Ipv6RouteTableParserTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "proc", name);

    [Fact]
    public void Lab_file_parses_every_line_including_null_entries()
    {
        var entries = Ipv6RouteTableParser.ReadFile(Fixture("ipv6_route_lab.txt"));

        Assert.Equal(File.ReadAllLines(Fixture("ipv6_route_lab.txt")).Length, entries.Count);
        var first = entries[0];
        Assert.Equal(IPAddress.Parse("2001:db8:20::"), first.Destination.Address);
        Assert.Equal(48, first.Destination.Length);
        Assert.Equal(IPAddress.Parse("2001:db8:2::9"), first.NextHop);
        Assert.Equal(1024u, first.Metric);
        Assert.Equal(1u, first.ReferenceCount);
        Assert.Equal(0u, first.Use);
        Assert.Equal(0x3u, first.Flags);
        Assert.Equal("v2", first.Interface);

        var nullEntry = entries[1];
        Assert.Equal(uint.MaxValue, nullEntry.Metric);
        Assert.Equal(Ipv6RouteFlags.Reject | Ipv6RouteFlags.NoNextHop, nullEntry.Flags);
    }

    [Fact]
    public void Source_prefix_of_a_source_specific_route_is_read()
    {
        var entries = Ipv6RouteTableParser.ReadFile(Fixture("ipv6_route_lab.txt"));

        var sourceSpecific = Assert.Single(entries, e => e.Source.Length != 0);
        Assert.Equal(IPAddress.Parse("2001:db8:1::"), sourceSpecific.Source.Address);
        Assert.Equal(64, sourceSpecific.Source.Length);
    }

    [Fact]
    public void Empty_file_gives_no_entries() =>
        Assert.Empty(Ipv6RouteTableParser.ReadFile(Fixture("ipv6_route_empty.txt")));

    [Fact]
    public void Missing_file_gives_no_entries() =>
        Assert.Empty(Ipv6RouteTableParser.ReadFile(Fixture("does-not-exist")));

    [Fact]
    public void Odd_lines_device_less_kept_garbage_skipped()
    {
        var entries = Ipv6RouteTableParser.ReadFile(Fixture("ipv6_route_odd.txt"));

        Assert.Equal(3, entries.Count);
        Assert.Equal(string.Empty, entries[0].Interface);
        Assert.Equal(5u, entries[1].Use);
        Assert.True((entries[1].Flags & Ipv6RouteFlags.Cache) != 0);
        Assert.Equal("averyverylongifname", entries[2].Interface);
    }
}
