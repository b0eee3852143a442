using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Xml.Linq;
using NetLens.Cli.Hosting;

namespace NetLens.Cli.Tests.Scan;

/// <summary>-sU, -oX and -oN end to end over loopback (no privilege needed; loopback has no ICMP rate limit per host).</summary>
public sealed class UdpScanCommandTests : IDisposable
{
    private readonly UdpClient _echo = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly Task _serving;
    private readonly CancellationTokenSource _stop = new();

    public UdpScanCommandTests()
    {
        _serving = EchoAsync();
    }

    private int EchoPort => ((IPEndPoint)_echo.Client.LocalEndPoint!).Port;

    public void Dispose()
    {
        _stop.Cancel();
        _echo.Dispose();
        _ = _serving.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = NetLensApp.Run(args, new CliOutput(stdout, stderr, outputRedirected: true));
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A port nothing listens on: bind one, note it, close it.</summary>
    private static int ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private async Task EchoAsync()
    {
        try
        {
            while (true)
            {
                var received = await _echo.ReceiveAsync(_stop.Token);
                await _echo.SendAsync(received.Buffer, received.RemoteEndPoint, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // stopped
        }
    }

    [Fact]
    public void An_answering_udp_port_is_open_and_a_closed_one_closed()
    {
        var closed = ClosedPort();

        var (code, stdout, stderr) = Run("scan", "127.0.0.1", "-Pn", "-sU", "-p", $"{EchoPort},{closed}", "--json");

        Assert.True(code == ExitCodes.Success, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("udp_error_queue", Assert.Single(json.RootElement.GetProperty("mechanisms").EnumerateArray()).GetString());
        var ports = json.RootElement.GetProperty("hosts")[0].GetProperty("ports").EnumerateArray()
            .ToDictionary(p => p.GetProperty("port").GetInt32(), p => (p.GetProperty("protocol").GetString(), p.GetProperty("state").GetString(), p.GetProperty("reason").GetString()));
        Assert.Equal(("udp", "open", "udp-response"), ports[EchoPort]);
        Assert.Equal(("udp", "closed", "port-unreach"), ports[closed]);
    }

    [Fact]
    public void Xml_to_stdout_replaces_the_normal_output()
    {
        var (code, stdout, stderr) = Run("scan", "127.0.0.1", "-Pn", "-sU", "-p", $"{EchoPort}", "-oX", "-");

        Assert.True(code == ExitCodes.Success, stderr);
        var port = XDocument.Parse(stdout).Descendants("port").Single();
        Assert.Equal(("udp", $"{EchoPort}", "open"), (port.Attribute("protocol")!.Value, port.Attribute("portid")!.Value, port.Element("state")!.Attribute("state")!.Value));
        Assert.DoesNotContain("netlens scan report", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Normal_output_to_a_file_and_the_table_on_stdout_agree()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (code, stdout, stderr) = Run("scan", "127.0.0.1", "-Pn", "-sU", "-p", $"{EchoPort}", "-oN", file);

            Assert.True(code == ExitCodes.Success, stderr);
            var written = File.ReadAllText(file);
            Assert.Contains($"\n{EchoPort}/udp open  ", stdout, StringComparison.Ordinal);
            Assert.Contains($"\n{EchoPort}/udp open  ", written, StringComparison.Ordinal);
            Assert.StartsWith("# netlens ", written, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("scan", "127.0.0.1", "-p", "U:53")]
    [InlineData("scan", "127.0.0.1", "-sU", "-p", "X:53")]
    [InlineData("scan", "127.0.0.1", "-sU", "-oX", "/nonexistent-dir/scan.xml")]
    public void Bad_input_is_one_line_and_exit_2(params string[] args)
    {
        var (code, stdout, stderr) = Run(args);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Empty(stdout);
        Assert.StartsWith("netlens: error: ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }
}
