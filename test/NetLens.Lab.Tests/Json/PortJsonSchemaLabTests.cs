using System.Diagnostics;
using System.Text.Json;
using NetLens.Lab.Tests.Port;

namespace NetLens.Lab.Tests.Json;

/// <summary>port check, open, close, test and listen with --json in the port labs: their answers, in documents their schemas accept.</summary>
public sealed class PortJsonSchemaLabTests
{
    [SkippableFact]
    public void Port_check_names_the_deciding_rule_and_fits_its_schema()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new CheckLab();
        lab.Load("nft", "table inet fw {\n chain input { type filter hook input priority 0; policy drop;\n  tcp dport 443 accept comment \"web `a+b` <x> & it's\"\n }\n}");

        var accepted = NetLensRunner.Run("--netns", lab.Server.Name, "--json", "port", "check", "443/tcp", "--from", "198.18.90.2", "--to", "198.18.90.1", "--iif", "nls0");
        var dropped = NetLensRunner.Run("--netns", lab.Server.Name, "--json", "port", "check", "22/tcp", "--from", "198.18.90.2", "--to", "198.18.90.1", "--iif", "nls0");

        Assert.True(accepted.ExitCode == 0, accepted.Stderr);
        Assert.Equal(1, dropped.ExitCode);
        JsonSchemaCheck.AssertValid("port-check", accepted.Stdout);
        JsonSchemaCheck.AssertValid("port-check", dropped.Stdout);
        Assert.Contains("comment \\\"web `a+b` <x> & it's\\\"", accepted.Stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(accepted.Stdout);
        Assert.Equal("accept", json.RootElement.GetProperty("checks")[0].GetProperty("verdict").GetString());
    }

    [SkippableFact]
    public void Port_open_then_close_fit_the_change_schema()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new OpenLab(OpenLabFirewall.Nftables);

        var dryRun = NetLensRunner.Run("--netns", lab.Host, "--json", "port", "open", $"{OpenLab.Port}/udp", "--dry-run");
        var open = NetLensRunner.Run("--netns", lab.Host, "--json", "port", "open", $"{OpenLab.Port}/udp");
        var passes = OpenTraffic.UdpPasses(lab.Client, OpenLab.Host4, OpenLab.Port, lab.Listeners.Udp, expectPass: true);
        var close = NetLensRunner.Run("--netns", lab.Host, "--json", "port", "close", $"{OpenLab.Port}/udp");

        foreach (var run in new[] { dryRun, open, close })
        {
            Assert.True(run.ExitCode == 0, run.Stderr);
            JsonSchemaCheck.AssertValid("port-change", run.Stdout);
        }

        Assert.True(passes, "UDP still dropped after port open");
        using var json = JsonDocument.Parse(open.Stdout);
        Assert.True(json.RootElement.GetProperty("changed").GetBoolean());
        Assert.Equal("add", Assert.Single(json.RootElement.GetProperty("changes").EnumerateArray()).GetProperty("action").GetString());
    }

    [SkippableFact]
    public void Port_test_answered_by_port_listen_fits_both_schemas()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new CheckLab();
        var start = new ProcessStartInfo(NativeBinary.Path)
        {
            ArgumentList = { "--json", "--netns", lab.Server.Name, "port", "listen", "7210", "--count", "2", "--timeout", "60" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var listen = Process.Start(start)!;
        try
        {
            Assert.StartsWith("listening on tcp/7210, udp/7210", listen.StandardError.ReadLine(), StringComparison.Ordinal);

            var udp = NetLensRunner.Run("--netns", lab.ClientA.Name, "--json", "port", "test", "198.18.90.1:7210/udp");
            var tcp = NetLensRunner.Run("--netns", lab.ClientA.Name, "--json", "port", "test", "198.18.90.1:7210/tcp");
            var closed = NetLensRunner.Run("--netns", lab.ClientA.Name, "--json", "port", "test", "198.18.90.1:9999/udp");

            Assert.True(listen.WaitForExit(TimeSpan.FromSeconds(30)), "port listen did not stop after --count 2");
            var events = listen.StandardOutput.ReadToEnd();
            Assert.Equal(0, listen.ExitCode);
            JsonSchemaCheck.AssertValid("port-listen", events);
            using var listened = JsonDocument.Parse(events);
            Assert.Equal(2, listened.RootElement.GetProperty("events").GetArrayLength());
            foreach (var (run, state, mechanism) in new[] { (udp, "open", "udp_error_queue"), (tcp, "open", "tcp_connect"), (closed, "closed", "udp_error_queue") })
            {
                JsonSchemaCheck.AssertValid("port-test", run.Stdout);
                using var json = JsonDocument.Parse(run.Stdout);
                Assert.Equal((state, mechanism), (json.RootElement.GetProperty("state").GetString(), json.RootElement.GetProperty("mechanism").GetString()));
            }
        }
        finally
        {
            if (!listen.HasExited)
            {
                listen.Kill();
            }
        }
    }
}
