using System.Net;
using System.Xml.Linq;
using NetLens.Cli.Output.Scan;
using NetLens.Core.Scanning;

namespace NetLens.Cli.Tests.Scan;

public class XmlScanWriterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 15, 18, 2, TimeSpan.Zero);

    private static string Name(int port, PortProtocol protocol) => (port, protocol) switch
    {
        (22, PortProtocol.Tcp) => "ssh",
        (53, PortProtocol.Udp) => "domain",
        _ => "unknown",
    };

    private static ScanReport Report() => new(
        [
            new HostScanResult
            {
                Host = new ScanHost(IPAddress.Parse("198.18.12.2"), "c3.example"),
                IsUp = true,
                StatusReason = PortReason.SynAck,
                Latency = TimeSpan.FromMilliseconds(1.2),
                Ports =
                [
                    new PortResult(22, PortState.Open, PortReason.SynAck),
                    .. Enumerable.Range(1, 21).Concat(Enumerable.Range(23, 78)).Select(p => new PortResult(p, PortState.Closed, PortReason.ConnRefused)),
                    new PortResult(53, PortState.Open, PortReason.UdpResponse, PortProtocol.Udp),
                    new PortResult(1000, PortState.OpenFiltered, PortReason.NoResponse, PortProtocol.Udp),
                    .. Enumerable.Range(1, 52).Concat(Enumerable.Range(54, 47)).Select(p => new PortResult(p, PortState.Closed, PortReason.PortUnreach, PortProtocol.Udp)),
                ],
            },
            new HostScanResult { Host = new ScanHost(IPAddress.Parse("2001:db8::9"), null), IsUp = false, StatusReason = PortReason.NoResponse },
        ],
        TimeSpan.FromSeconds(6.17),
        "connect+udp");

    private static XmlScanRun Run() => new(
        "netlens scan -sT -sU -p T:1-100,U:1-100,1000 c3.example",
        Start,
        "1.2.3",
        [
            new XmlScanInfo("connect", PortProtocol.Tcp, [.. Enumerable.Range(1, 100)]),
            new XmlScanInfo("udp", PortProtocol.Udp, [.. Enumerable.Range(1, 100), 1000]),
        ]);

    [Fact]
    public void The_document_has_nmaps_elements_and_attributes()
    {
        var xml = XDocument.Parse(XmlScanWriter.Write(Report(), Run(), Name));

        var run = xml.Root!;
        Assert.Equal("nmaprun", xml.DocumentType!.Name);
        Assert.Equal(("netlens", "1.2.3", "1.05", "1795619882"), (run.Attribute("scanner")!.Value, run.Attribute("version")!.Value, run.Attribute("xmloutputversion")!.Value, run.Attribute("start")!.Value));
        Assert.Equal(
            ["connect tcp 100 1-100", "udp udp 101 1-100,1000"],
            run.Elements("scaninfo").Select(s => $"{s.Attribute("type")!.Value} {s.Attribute("protocol")!.Value} {s.Attribute("numservices")!.Value} {s.Attribute("services")!.Value}"));
        var host = Assert.Single(run.Elements("host"));
        Assert.Equal(["status", "address", "hostnames", "ports", "times"], host.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("c3.example", host.Element("hostnames")!.Element("hostname")!.Attribute("name")!.Value);
        Assert.Equal("1200", host.Element("times")!.Attribute("srtt")!.Value);
        var stats = run.Element("runstats")!;
        Assert.Equal("6.17", stats.Element("finished")!.Attribute("elapsed")!.Value);
        Assert.Equal(("1", "1", "2"), (stats.Element("hosts")!.Attribute("up")!.Value, stats.Element("hosts")!.Attribute("down")!.Value, stats.Element("hosts")!.Attribute("total")!.Value));
    }

    [Fact]
    public void Hidden_ports_become_extraports_with_ranges_per_protocol_and_shown_ones_ports()
    {
        var ports = XDocument.Parse(XmlScanWriter.Write(Report(), Run(), Name)).Descendants("ports").Single();

        var extra = Assert.Single(ports.Elements("extraports"));
        Assert.Equal(("closed", "198"), (extra.Attribute("state")!.Value, extra.Attribute("count")!.Value));
        Assert.Equal(
            ["conn-refused 99 tcp 1-21,23-100", "port-unreach 99 udp 1-52,54-100"],
            extra.Elements("extrareasons").Select(r => $"{r.Attribute("reason")!.Value} {r.Attribute("count")!.Value} {r.Attribute("proto")!.Value} {r.Attribute("ports")!.Value}"));
        Assert.Equal(
            ["tcp 22 open syn-ack 0 ssh table 3", "udp 53 open udp-response 0 domain table 3", "udp 1000 open|filtered no-response 0 unknown table 3"],
            ports.Elements("port").Select(p =>
            {
                var state = p.Element("state")!;
                var service = p.Element("service")!;
                return $"{p.Attribute("protocol")!.Value} {p.Attribute("portid")!.Value} {state.Attribute("state")!.Value} {state.Attribute("reason")!.Value} "
                    + $"{state.Attribute("reason_ttl")!.Value} {service.Attribute("name")!.Value} {service.Attribute("method")!.Value} {service.Attribute("conf")!.Value}";
            }));
    }

    [Fact]
    public void Double_hyphens_in_the_arguments_stay_legal_inside_the_comment()
    {
        var run = Run() with { Arguments = "netlens --netns lab scan --reason -p- 198.18.12.2" };

        var text = XmlScanWriter.Write(Report(), run, Name);

        Assert.Contains("as: netlens -&#45;netns lab scan -&#45;reason -p- 198.18.12.2 -->", text, StringComparison.Ordinal);
        Assert.Equal(run.Arguments, XDocument.Parse(text).Root!.Attribute("args")!.Value);
    }

    [Theory]
    [InlineData(new int[] { }, "")]
    [InlineData(new[] { 5 }, "5")]
    [InlineData(new[] { 3, 1, 2, 7, 9, 8, 11 }, "1-3,7-9,11")]
    public void Ranges_join_runs_of_ports(int[] ports, string expected)
    {
        Assert.Equal(expected, XmlScanWriter.Ranges(ports));
    }

    [Fact]
    public void Normal_file_output_is_the_table_between_nmaps_comment_lines()
    {
        var text = NormalFileWriter.Write(Report(), Run(), Name, reason: false);

        var lines = text.Split('\n');
        Assert.Matches(@"^# netlens 1\.2\.3 scan initiated \w{3} Nov 25 \d\d:18:02 2026 as: netlens scan -sT -sU", lines[0]);
        Assert.Equal("netlens scan report for c3.example (198.18.12.2)", lines[1]);
        Assert.Equal("Not shown: 99 closed tcp ports (conn-refused), 99 closed udp ports (port-unreach)", lines[3]);
        Assert.Equal("PORT     STATE         SERVICE", lines[4]);
        Assert.Equal("22/tcp   open          ssh", lines[5]);
        Assert.Equal("53/udp   open          domain", lines[6]);
        Assert.Matches(@"^# netlens done at .* -- 2 IP addresses \(1 host up\) scanned in 6\.17 seconds$", lines[^2]);
        Assert.DoesNotContain("netlens done:", text, StringComparison.Ordinal);
    }
}
