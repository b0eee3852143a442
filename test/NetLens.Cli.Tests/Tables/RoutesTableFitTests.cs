using System.Net;
using System.Net.Sockets;
using NetLens.Cli.Output.Routing;
using NetLens.Cli.Output.Tables;
using NetLens.Core.Addressing;
using NetLens.Core.Links;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Names;
using Spectre.Console.Testing;

namespace NetLens.Cli.Tests.Tables;

/// <summary>On an 80-column terminal the routes table fits without wrapping a value, and routes that differ by table stay apart.</summary>
public class RoutesTableFitTests
{
    private static readonly RouteWords Words = new(
        IpNames.Default,
        new InterfaceNames(
        [
            new Link { Index = 2, Name = "eth0", Kind = null },
            new Link { Index = 3, Name = "eth1", Kind = null },
            new Link { Index = 4, Name = "wg0", Kind = "wireguard" },
        ]),
        []);

    private static readonly Route[] Routes =
    [
        new() { Family = AddressFamily.InterNetwork, Destination = Prefix("0.0.0.0/0"), Gateway = IPAddress.Parse("198.18.0.1"), OutputInterface = 2, Protocol = RouteProtocols.Dhcp, Priority = 100 },
        new() { Family = AddressFamily.InterNetwork, Destination = Prefix("0.0.0.0/0"), Gateway = IPAddress.Parse("198.18.1.1"), OutputInterface = 3, Table = 100 },
        new() { Family = AddressFamily.InterNetwork, Destination = Prefix("0.0.0.0/0"), OutputInterface = 4, Table = 51820, Scope = RouteScope.Link },
        new()
        {
            Family = AddressFamily.InterNetwork,
            Destination = Prefix("198.18.11.0/24"),
            Nexthops =
            [
                new Nexthop { Gateway = IPAddress.Parse("198.18.0.253"), OutputInterface = 2, Weight = 1 },
                new Nexthop { Gateway = IPAddress.Parse("198.18.1.253"), OutputInterface = 3, Weight = 3 },
            ],
        },
        new() { Family = AddressFamily.InterNetworkV6, Type = RouteType.Local, Destination = Prefix("fe80::1445:b1ff:fec8:aed7/128"), OutputInterface = 3, Table = RouteTables.Local, Protocol = RouteProtocols.Kernel },
    ];

    private static IpPrefix Prefix(string text) => IpPrefix.TryParse(text, out var prefix) ? prefix : throw new ArgumentException(text);

    private static (RoutesTableLayout Layout, string[] Lines) Render(int width)
    {
        var rows = Routes.Select(r => RouteRowBuilder.Build(r, Words)).ToList();
        var console = new TestConsole().Width(width);
        var layout = RoutesTableWriter.Fit(rows, console, width);
        console.Write(RoutesTableWriter.BuildTable(rows, color: false, layout));
        return (layout, console.Output.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Eighty_columns_hold_every_line_whole_and_keep_table_device_and_gateway()
    {
        var (layout, lines) = Render(80);

        Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= 80, $"{l.TrimEnd().Length} columns: {l}"));
        var header = lines.First(l => l.Contains("Destination", StringComparison.Ordinal));
        Assert.Contains("Table", header, StringComparison.Ordinal);
        Assert.Contains("Device", header, StringComparison.Ordinal);
        Assert.Contains("Gateway", header, StringComparison.Ordinal);
        Assert.DoesNotContain("Src", header, StringComparison.Ordinal);

        // the three defaults differ by table and device: each on one line that says so
        var defaults = lines.Where(l => l.TrimStart().StartsWith("default", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, defaults.Count);
        Assert.Contains(defaults, l => l.Contains("eth0", StringComparison.Ordinal) && l.Contains("main", StringComparison.Ordinal));
        Assert.Contains(defaults, l => l.Contains("eth1", StringComparison.Ordinal) && l.Contains(" 100 ", StringComparison.Ordinal));
        Assert.Contains(defaults, l => l.Contains("wg0", StringComparison.Ordinal) && l.Contains("51820", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("fe80::1445:b1ff:fec8:aed7", StringComparison.Ordinal));

        var footer = layout.Footer(80);
        Assert.NotNull(footer);
        Assert.Contains("Src", footer, StringComparison.Ordinal);
        Assert.Contains("-w", footer, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wide_terminal_shows_every_column_with_whole_values_and_no_footer()
    {
        var (layout, lines) = Render(200);

        Assert.Same(RoutesTableFit.All, layout);
        Assert.Null(layout.Footer(200));
        Assert.Contains(lines, l => l.Contains("198.18.0.253×1, 198.18.1.253×3", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("vpn (wireguard)", StringComparison.Ordinal));
    }

    [Fact]
    public void Shortened_values_keep_the_first_of_a_list_and_say_how_many_more()
    {
        var row = RouteRowBuilder.Build(Routes[3], Words);
        var layout = new RoutesTableLayout([0, 1, 2, 3], Abbreviated: true);

        Assert.Equal(["198.18.11.0/24", "198.18.0.253 +1", "eth0 +1", "main"], RoutesTableFit.Cells(row, layout));
    }
}
