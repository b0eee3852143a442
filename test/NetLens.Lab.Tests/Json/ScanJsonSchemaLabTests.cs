using System.Text.Json;
using NetLens.Core.Scanning;
using NetLens.Lab.Tests.Scan;

namespace NetLens.Lab.Tests.Json;

/// <summary>scan --json on the scan lab: the states the lab set up, in a document its schema accepts.</summary>
public sealed class ScanJsonSchemaLabTests(ScanLab lab) : IClassFixture<ScanLab>
{
    [SkippableTheory]
    [InlineData("-sT", "tcp_connect")]
    [InlineData("-sS", "raw_socket")]
    public void Every_port_has_the_labs_state_and_the_document_fits_its_schema(string scan, string mechanism)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Name, "--json", "scan", scan, "-p", ScanLab.Ports, ScanLab.Address.ToString());

        Assert.True(run.ExitCode == 0, run.Stderr);
        JsonSchemaCheck.AssertValid("scan", run.Stdout);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal([mechanism], json.RootElement.GetProperty("mechanisms").EnumerateArray().Select(m => m.GetString()));
        var host = Assert.Single(json.RootElement.GetProperty("hosts").EnumerateArray());
        Assert.True(host.GetProperty("latency_ms").GetDouble() >= 0);
        var states = host.GetProperty("ports").EnumerateArray().ToDictionary(p => p.GetProperty("port").GetInt32(), p => p.GetProperty("state").GetString());
        Assert.Equal(ScanLab.Truth().ToDictionary(t => t.Key, t => (string?)t.Value.State.Word()), states);
    }

    [SkippableFact]
    public void A_udp_scan_beside_tcp_lists_both_mechanisms_and_fits_the_schema()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Name, "--json", "scan", "-sT", "-sU", "-p", "T:22,U:53", ScanLab.Address.ToString());

        Assert.True(run.ExitCode == 0, run.Stderr);
        JsonSchemaCheck.AssertValid("scan", run.Stdout);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(["tcp_connect", "udp_error_queue"], json.RootElement.GetProperty("mechanisms").EnumerateArray().Select(m => m.GetString()));
    }

    [SkippableFact]
    public void Discovery_alone_fits_the_schema()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Name, "--json", "scan", "-sn", ScanLab.Address.ToString());

        Assert.True(run.ExitCode == 0, run.Stderr);
        JsonSchemaCheck.AssertValid("scan", run.Stdout);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(1, json.RootElement.GetProperty("hosts_up").GetInt32());
    }
}
