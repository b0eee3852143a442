using System.Net;
using System.Net.Sockets;
using NetLens.Cli.Hosting;

namespace NetLens.Cli.Tests.Scan;

/// <summary>The command line end to end over loopback, which needs no privilege.</summary>
public class ScanCommandTests
{
    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = NetLensApp.Run(args, new CliOutput(stdout, stderr, outputRedirected: true));
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_listening_loopback_port_is_reported_open()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var (code, stdout, _) = Run("scan", "127.0.0.1", "-Pn", "-sT", "-p", $"{port}");

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("netlens scan report for 127.0.0.1\nHost is up (", stdout, StringComparison.Ordinal);
        Assert.Contains($"\n{port}/tcp open  ", stdout, StringComparison.Ordinal);
        Assert.Contains("netlens done: 1 IP address (1 host up) scanned in ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Nmaps_no_resolve_flag_is_taken_and_the_answer_is_the_same()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var (code, stdout, stderr) = Run("scan", "-n", "127.0.0.1", "-Pn", "-sT", "-p", $"{port}");

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Contains($"\n{port}/tcp open  ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Top_ports_scans_that_many_of_the_ranked_list()
    {
        var (code, stdout, _) = Run("scan", "127.0.0.1", "--top", "30", "--json");

        Assert.Equal(ExitCodes.Success, code);
        using var json = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.Equal(30, json.RootElement.GetProperty("hosts")[0].GetProperty("ports").GetArrayLength());
    }

    [Theory]
    [InlineData("scan", "127.0.0.1", "-p", "22", "-F")]
    [InlineData("scan", "127.0.0.1", "-p-", "--top", "10")]
    [InlineData("scan", "127.0.0.1", "-p", "70000")]
    [InlineData("scan", "198.18.0.0/15")]
    [InlineData("scan", "198.18.0.0/24", "--max-hosts", "100")]
    [InlineData("scan", "127.0.0.1", "--top", "5000")]
    public void Bad_input_is_one_line_and_exit_2(params string[] args)
    {
        var (code, stdout, stderr) = Run(args);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Empty(stdout);
        Assert.StartsWith("netlens: error: ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }
}
