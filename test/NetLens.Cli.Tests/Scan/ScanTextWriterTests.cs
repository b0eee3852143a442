using System.Net;
using System.Text.Json;
using NetLens.Cli.Output.Json;
using NetLens.Cli.Output.Scan;
using NetLens.Core.Scanning;

namespace NetLens.Cli.Tests.Scan;

public class ScanTextWriterTests
{
    private static readonly Dictionary<int, string> Names = new() { [22] = "ssh", [80] = "http", [443] = "https" };

    private static string Name(int port) => Names.GetValueOrDefault(port, "unknown");

    private static HostScanResult SheetHost() => new()
    {
        Host = new ScanHost(IPAddress.Parse("198.18.0.3"), "c3.domain.com"),
        IsUp = true,
        StatusReason = PortReason.SynAck,
        Latency = TimeSpan.FromSeconds(0.0012),
        Ports =
        [
            new PortResult(22, PortState.Open, PortReason.SynAck),
            new PortResult(80, PortState.Closed, PortReason.ConnRefused),
            new PortResult(443, PortState.Open, PortReason.SynAck),
            .. Enumerable.Range(1000, 991).Select(p => new PortResult(p, PortState.Filtered, PortReason.NoResponse)),
        ],
    };

    private static string Render(ScanReport report, bool reason = false)
    {
        var writer = new StringWriter { NewLine = "\n" };
        ScanTextWriter.Write(writer, report, Name, reason);
        return writer.ToString();
    }

    [Fact]
    public void A_host_reads_like_nmaps_report()
    {
        var text = Render(new ScanReport([SheetHost()], TimeSpan.FromSeconds(0.123), "connect"));

        Assert.Equal(
            "netlens scan report for c3.domain.com (198.18.0.3)\n" +
            "Host is up (0.0012s latency).\n" +
            "Not shown: 991 filtered tcp ports (no-response)\n" +
            "PORT    STATE  SERVICE\n" +
            "22/tcp  open   ssh\n" +
            "80/tcp  closed http\n" +
            "443/tcp open   https\n" +
            "\n" +
            "netlens done: 1 IP address (1 host up) scanned in 0.12 seconds\n",
            text);
    }

    [Fact]
    public void Reason_adds_a_column_and_what_proved_the_host_up()
    {
        var text = Render(new ScanReport([SheetHost()], TimeSpan.FromSeconds(1), "connect"), reason: true);

        Assert.Contains("Host is up, received syn-ack (0.0012s latency).\n", text, StringComparison.Ordinal);
        Assert.Contains("PORT    STATE  SERVICE REASON\n22/tcp  open   ssh     syn-ack\n80/tcp  closed http    conn-refused\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_host_that_is_down_gets_nmaps_hint()
    {
        var down = new HostScanResult { Host = new ScanHost(IPAddress.Parse("198.18.0.9"), null), IsUp = false, StatusReason = PortReason.NoResponse };

        var text = Render(new ScanReport([down], TimeSpan.FromSeconds(3.04), "connect"));

        Assert.Equal(
            "Note: Host seems down. If it is really up, but blocking our ping probes, try -Pn\n" +
            "netlens done: 1 IP address (0 hosts up) scanned in 3.04 seconds\n",
            text);
    }

    [Fact]
    public void Every_port_in_an_ignored_state_says_so()
    {
        var host = new HostScanResult
        {
            Host = new ScanHost(IPAddress.Parse("198.18.0.4"), null),
            IsUp = true,
            StatusReason = PortReason.UserSet,
            Ports = [.. Enumerable.Range(1, 100).Select(p => new PortResult(p, PortState.Closed, PortReason.ConnRefused))],
        };

        var text = Render(new ScanReport([host, host with { Host = new ScanHost(IPAddress.Parse("198.18.0.5"), null) }], TimeSpan.Zero, "connect"));

        Assert.StartsWith(
            "netlens scan report for 198.18.0.4\n" +
            "Host is up.\n" +
            "All 100 scanned ports on 198.18.0.4 (198.18.0.4) are in ignored states.\n" +
            "Not shown: 100 closed tcp ports (conn-refused)\n" +
            "\n",
            text,
            StringComparison.Ordinal);
        Assert.EndsWith("netlens done: 2 IP addresses (2 hosts up) scanned in 0.00 seconds\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0012, "0.0012")]
    [InlineData(0.000097, "0.000097")]
    [InlineData(0.023, "0.023")]
    [InlineData(0.5, "0.50")]
    [InlineData(1.234, "1.2")]
    [InlineData(12.7, "13")]
    public void Latency_has_two_significant_digits_in_plain_notation(double seconds, string text)
    {
        Assert.Equal(text, ScanTextWriter.Latency(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Json_holds_every_port_and_what_the_text_sums_up()
    {
        var document = ScanJsonMapper.ToJson(new ScanReport([SheetHost()], TimeSpan.FromSeconds(0.5), "connect"), Name);
        var json = JsonOutput.Serialize(document);

        using var parsed = JsonDocument.Parse(json);
        var host = parsed.RootElement.GetProperty("hosts")[0];
        Assert.Equal("tcp_connect", Assert.Single(parsed.RootElement.GetProperty("mechanisms").EnumerateArray()).GetString());
        Assert.Equal("c3.domain.com", host.GetProperty("name").GetString());
        Assert.Equal(994, host.GetProperty("ports").GetArrayLength());
        Assert.Equal("open", host.GetProperty("ports")[0].GetProperty("state").GetString());
        Assert.Equal("ssh", host.GetProperty("ports")[0].GetProperty("service").GetString());
        var notShown = host.GetProperty("not_shown")[0];
        Assert.Equal("filtered", notShown.GetProperty("state").GetString());
        var reason = Assert.Single(notShown.GetProperty("reasons").EnumerateArray());
        Assert.Equal(("no-response", 991), (reason.GetProperty("reason").GetString(), reason.GetProperty("count").GetInt32()));
    }
}
