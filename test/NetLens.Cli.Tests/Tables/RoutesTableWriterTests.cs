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

public class RoutesTableWriterTests
{
    private static readonly RouteWords Words = new(
        IpNames.Default,
        new InterfaceNames(
        [
            new Link { Index = 2, Name = "eth0", Kind = null },
            new Link { Index = 3, Name = "docker0", Kind = "bridge" },
            new Link { Index = 4, Name = "wg0", Kind = "wireguard" },
        ]),
        []);

    private static IpPrefix Prefix(string text) => IpPrefix.TryParse(text, out var prefix) ? prefix : throw new ArgumentException(text);

    private static readonly Route[] Routes =
    [
        new() { Family = AddressFamily.InterNetwork, Destination = Prefix("0.0.0.0/0"), Gateway = IPAddress.Parse("198.18.0.254"), OutputInterface = 2, Protocol = RouteProtocols.Dhcp, Priority = 100 },
        new() { Family = AddressFamily.InterNetwork, Destination = Prefix("198.19.0.0/16"), OutputInterface = 3, Protocol = RouteProtocols.Kernel, Scope = RouteScope.Link, PreferredSource = IPAddress.Parse("198.19.0.1") },
        new()
        {
            Family = AddressFamily.InterNetwork,
            Destination = Prefix("198.18.64.0/18"),
            Nexthops =
            [
                new Nexthop { Gateway = IPAddress.Parse("198.18.0.1"), OutputInterface = 2, Weight = 1 },
                new Nexthop { Gateway = IPAddress.Parse("198.18.0.2"), OutputInterface = 2, Weight = 3 },
            ],
        },
        new() { Family = AddressFamily.InterNetwork, Type = RouteType.Unreachable, Destination = Prefix("198.18.200.0/24") },
        new() { Family = AddressFamily.InterNetwork, Destination = Prefix("0.0.0.0/0"), OutputInterface = 4, Table = 51820, Scope = RouteScope.Link },
    ];

    [Fact]
    public void Redirected_output_is_plain_aligned_columns_with_the_origin_of_each_route()
    {
        var rows = Routes.Select(r => RouteRowBuilder.Build(r, Words)).ToList();
        var output = new StringWriter { NewLine = "\n" };

        RoutesTableWriter.WritePlain(output, rows);

        Assert.Equal(
            """
            Destination      Gateway                     Device   Table  Proto   Metric  Scope   Src         Origin
            default          198.18.0.254                eth0     main   dhcp    100     global  -           dhcp
            198.19.0.0/16    -                           docker0  main   kernel  -       link    198.19.0.1  docker
            198.18.64.0/18   198.18.0.1×1, 198.18.0.2×3  eth0     main   boot    -       global  -           static
            198.18.200.0/24  unreachable                 -        main   boot    -       global  -           static
            default          -                           wg0      51820  boot    -       link    -           vpn (wireguard)

            """.Replace("\r", string.Empty, StringComparison.Ordinal),
            output.ToString());
    }

    [Fact]
    public void On_a_terminal_the_table_has_every_column_and_origin()
    {
        var rows = Routes.Select(r => RouteRowBuilder.Build(r, Words)).ToList();
        var console = new TestConsole().Width(160);

        console.Write(RoutesTableWriter.BuildTable(rows, color: false));

        var lines = console.Output.Split('\n');
        Assert.Contains(lines, l => l.Contains("Destination", StringComparison.Ordinal) && l.Contains("Origin", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("198.19.0.0/16", StringComparison.Ordinal) && l.Contains("docker", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("51820", StringComparison.Ordinal) && l.Contains("vpn (wireguard)", StringComparison.Ordinal));
    }
}
