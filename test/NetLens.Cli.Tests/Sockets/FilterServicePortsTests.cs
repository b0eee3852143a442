using System.Net;
using NetLens.Cli.Commands.Sockets;
using NetLens.Cli.Hosting;
using NetLens.Core;
using NetLens.Core.Services;
using NetLens.Core.Sockets;
using NetLens.Linux.Services;

namespace NetLens.Cli.Tests.Sockets;

/// <summary>`sport = :ssh`: service names in ss's filter, looked up in a copy of the services file with entries of our own.</summary>
public sealed class FilterServicePortsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("netlens-filter-services-").FullName;
    private readonly ServicesTable _table;

    public FilterServicePortsTests()
    {
        var path = Path.Combine(_directory, "services");
        var system = File.Exists(ServicesFile.SystemPath) ? File.ReadAllText(ServicesFile.SystemPath) : string.Empty;
        File.WriteAllText(path, system + "\nnl-split 7001/tcp\nnl-split 7002/udp\nnl-udponly 7003/udp\nnl-main 7004/tcp nl-alias\n");
        _table = ServicesFile.Read(path);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private SocketFilter Parse(string text) => SocketFilterParser.Parse(text.Split(' '), name => FilterServicePorts.Find(_table, name));

    private static SocketEntry Tcp(int localPort, int peerPort) => new()
    {
        Kind = SocketKind.Tcp,
        State = SocketState.Established,
        LocalAddress = IPAddress.Parse("198.18.93.2"),
        LocalPort = localPort,
        PeerAddress = IPAddress.Parse("198.18.93.1"),
        PeerPort = peerPort,
    };

    [Theory]
    [InlineData("dport = :nl-split", 7001)]
    [InlineData("dport = :nl-udponly", 7003)]
    [InlineData("dport = :nl-alias", 7004)]
    [InlineData("dst 198.18.93.1:nl-main", 7004)]
    [InlineData("dport = :ssh", 22)]
    public void A_name_stands_for_its_port_tcp_first(string filter, int port)
    {
        var parsed = Parse(filter);

        Assert.True(parsed.Matches(Tcp(50000, port)));
        Assert.False(parsed.Matches(Tcp(50000, port + 1)));
    }

    [Fact]
    public void Comparisons_take_the_names_port()
    {
        Assert.True(Parse("sport > :nl-split").Matches(Tcp(7002, 9)));
        Assert.False(Parse("sport > :nl-split").Matches(Tcp(7001, 9)));
    }

    [Theory]
    [InlineData("dport = :nl-no-such-service")]
    [InlineData("src 198.18.93.1:nl-no-such-service")]
    [InlineData("dport = :7x")]
    public void An_unknown_name_is_a_usage_error(string filter)
    {
        var error = Assert.Throws<UsageException>(() => Parse(filter));
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void On_the_command_line_an_unknown_name_is_one_line_and_exit_2()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = NetLensApp.Run(["sockets", "-tn", "dport", "=", ":nl-no-such-service"], new CliOutput(stdout, stderr, outputRedirected: true));

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Equal(string.Empty, stdout.ToString());
        var line = Assert.Single(stderr.ToString().TrimEnd('\n').Split('\n'));
        Assert.StartsWith("netlens: error: ", line, StringComparison.Ordinal);
        Assert.Contains("nl-no-such-service", line, StringComparison.Ordinal);
    }
}
