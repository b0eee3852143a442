using System.Net;
using System.Text.Json;
using System.Xml;
using NetLens.Cli.Output.Json;
using NetLens.Cli.Output.Scan;
using NetLens.Core.Scanning;

namespace NetLens.Cli.Tests.Scan;

/// <summary>A scan stopped by a signal: every output says so, the XML as nmap.dtd's finished element does, and stays a whole document.</summary>
public class InterruptedScanWriterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 15, 18, 2, TimeSpan.Zero);

    private static ScanReport Report(bool interrupted) => new(
        [
            new HostScanResult
            {
                Host = new ScanHost(IPAddress.Parse("198.18.7.2"), null),
                IsUp = true,
                StatusReason = PortReason.EchoReply,
                Ports = [new PortResult(22, PortState.Open, PortReason.SynAck), new PortResult(23, PortState.Filtered, PortReason.NoResponse)],
            },
        ],
        TimeSpan.FromSeconds(2.04),
        "syn")
    {
        Interrupted = interrupted,
        SkippedBroadcasts = [IPAddress.Parse("198.18.7.255")],
    };

    private static XmlScanRun Run(string? interruption) =>
        new("netlens scan -p- 198.18.7.2", Start, "1.2.3", [new XmlScanInfo("syn", PortProtocol.Tcp, [.. Enumerable.Range(1, 65535)])]) { Interruption = interruption };

    private static string Name(int port, PortProtocol protocol) => port == 22 ? "ssh" : "unknown";

    [Fact]
    public void The_xml_of_an_interrupted_run_is_well_formed_and_its_finished_element_says_error_and_why()
    {
        var document = new XmlDocument { XmlResolver = null };
        document.LoadXml(XmlScanWriter.Write(Report(interrupted: true), Run("SIGINT"), Name));

        var finished = (XmlElement)document.SelectSingleNode("/nmaprun/runstats/finished")!;
        Assert.Equal("error", finished.GetAttribute("exit"));
        Assert.StartsWith("interrupted by SIGINT", finished.GetAttribute("errormsg"), StringComparison.Ordinal);
        Assert.Equal("22", document.SelectSingleNode("/nmaprun/host/ports/port/@portid")!.Value);
    }

    [Fact]
    public void A_run_that_ended_says_success_and_has_no_errormsg()
    {
        var document = new XmlDocument { XmlResolver = null };
        document.LoadXml(XmlScanWriter.Write(Report(interrupted: false), Run(null), Name));

        var finished = (XmlElement)document.SelectSingleNode("/nmaprun/runstats/finished")!;
        Assert.Equal("success", finished.GetAttribute("exit"));
        Assert.False(finished.HasAttribute("errormsg"));
    }

    [Fact]
    public void The_normal_outputs_end_with_the_summary_and_the_interruption()
    {
        var stdout = new StringWriter { NewLine = "\n" };
        ScanTextWriter.Write(stdout, Report(interrupted: true), Name, reason: false, interruption: "SIGTERM");
        var file = NormalFileWriter.Write(Report(interrupted: true), Run("SIGTERM"), Name, reason: false);

        Assert.EndsWith("netlens done: 1 IP address (1 host up) scanned in 2.04 seconds (interrupted by SIGTERM: partial results, only the hosts and ports settled before it)\n", stdout.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("scanned in 2.04 seconds (interrupted by SIGTERM: partial results, only the hosts and ports settled before it)\n", file, StringComparison.Ordinal);
        Assert.Matches(@"\n22/tcp +open +ssh\n", stdout.ToString());
    }

    [Fact]
    public void Skipped_broadcasts_are_a_note_in_the_text_and_a_list_in_json()
    {
        var stdout = new StringWriter { NewLine = "\n" };
        ScanTextWriter.Write(stdout, Report(interrupted: false), Name, reason: false);
        using var json = JsonDocument.Parse(JsonOutput.Serialize(ScanJsonMapper.ToJson(Report(interrupted: true), Name)));

        Assert.Contains("Note: skipped 198.18.7.255: a broadcast address of this machine's links, never probed\n", stdout.ToString(), StringComparison.Ordinal);
        Assert.True(json.RootElement.GetProperty("interrupted").GetBoolean());
        var skipped = Assert.Single(json.RootElement.GetProperty("skipped").EnumerateArray());
        Assert.Equal(("198.18.7.255", "broadcast"), (skipped.GetProperty("address").GetString(), skipped.GetProperty("reason").GetString()));
    }

    [Fact]
    public void A_complete_scan_without_skips_has_no_interrupted_or_skipped_keys()
    {
        var report = Report(interrupted: false) with { SkippedBroadcasts = [] };
        using var json = JsonDocument.Parse(JsonOutput.Serialize(ScanJsonMapper.ToJson(report, Name)));

        Assert.False(json.RootElement.TryGetProperty("interrupted", out _));
        Assert.False(json.RootElement.TryGetProperty("skipped", out _));
    }
}
