using System.Diagnostics;
using System.Text.Json;

namespace NetLens.Lab.Tests.Port;

/// <summary>
/// `port test` against ground truth set up in the lab (a listener, nothing, a drop, a reject), and `port listen` —
/// the AOT binary, as users run it — answering `port test` across the veth.
/// </summary>
public class TestListenLabTests
{
    [SkippableFact]
    public void Udp_to_a_port_nobody_listens_on_is_closed_by_icmp_port_unreachable()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new CheckLab();

        var v4 = Test(lab, "198.18.90.1:9999/udp");
        var v6 = Test(lab, "[2001:db8:90::1]:9999/udp");

        Assert.Equal((1, "closed", "port-unreach"), v4);
        Assert.Equal((1, "closed", "port-unreach"), v6);
    }

    [SkippableFact]
    public void Tcp_states_follow_listener_drop_and_reset()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new CheckLab();
        lab.Load("nft", "table inet t {\n chain in {\n  type filter hook input priority 0;\n  tcp dport 7001 drop\n  tcp dport 7002 reject with tcp reset\n }\n}");
        lab.Listen(lab.Server, [7000, 7001, 7002]);

        Assert.Equal((0, "open", "syn-ack"), Test(lab, "198.18.90.1:7000"));
        Assert.Equal((1, "filtered", "no-response"), Test(lab, "198.18.90.1:7001/tcp", "--timeout", "1"));
        Assert.Equal((1, "closed", "conn-refused"), Test(lab, "[2001:db8:90::1]:7002/tcp"));
        Assert.Equal((1, "closed", "conn-refused"), Test(lab, "198.18.90.1:7003"));
    }

    [SkippableFact]
    public void Udp_drop_is_open_filtered_and_admin_prohibited_is_filtered()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new CheckLab();
        lab.Load("nft", "table ip t {\n chain in {\n  type filter hook input priority 0;\n  udp dport 7101 drop\n  udp dport 7102 reject with icmp type admin-prohibited\n }\n}");
        lab.Listen(lab.Server, [7101, 7102]);

        Assert.Equal((1, "open|filtered", "no-response"), Test(lab, "198.18.90.1:7101/udp", "--timeout", "1.5"));
        Assert.Equal((1, "filtered", "icmp-unreach type 3 code 13"), Test(lab, "198.18.90.1:7102/udp"));
    }

    [SkippableFact]
    public void Port_listen_answers_port_test_over_udp_and_tcp_then_stops_at_its_count()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new CheckLab();
        var start = new ProcessStartInfo(NativeBinary.Path)
        {
            ArgumentList = { "--netns", lab.Server.Name, "port", "listen", "7200", "--count", "3", "--timeout", "60" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var listen = Process.Start(start)!;
        try
        {
            Assert.Equal("listening on tcp/7200, udp/7200 (until 3 answered)", listen.StandardOutput.ReadLine());

            var udp4 = Test(lab, "198.18.90.1:7200/udp");
            var udp6 = Test(lab, "[2001:db8:90::1]:7200/udp");
            var tcp = Test(lab, "198.18.90.1:7200/tcp");

            Assert.True(listen.WaitForExit(TimeSpan.FromSeconds(30)), "port listen did not stop after --count 3");
            var events = listen.StandardOutput.ReadToEnd();
            Assert.Equal(0, listen.ExitCode);
            Assert.Equal((0, "open", "netlens-reply"), udp4);
            Assert.Equal((0, "open", "netlens-reply"), udp6);
            Assert.Equal((0, "open", "syn-ack"), tcp);
            Assert.Matches(@"udp 30 bytes from 198\.18\.90\.2:\d+ \(netlens port test\), answered", events);
            Assert.Matches(@"udp 30 bytes from \[2001:db8:90::2\]:\d+ \(netlens port test\), answered", events);
            Assert.Matches(@"tcp connection from 198\.18\.90\.2:\d+", events);
        }
        finally
        {
            if (!listen.HasExited)
            {
                listen.Kill();
            }
        }
    }

    [SkippableFact]
    public void Port_listen_json_lists_what_it_answered_and_refuses_a_port_in_use()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new CheckLab();
        lab.Listen(lab.Server, [7301]);

        var busy = NetLensRunner.Run("--netns", lab.Server.Name, "port", "listen", "7301/udp", "--timeout", "1");
        var quiet = NetLensRunner.Run("--netns", lab.Server.Name, "--json", "port", "listen", "7302/udp", "--timeout", "0.5");

        Assert.Equal(1, busy.ExitCode);
        Assert.StartsWith("netlens: error: udp/7301 is already in use", busy.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, quiet.ExitCode);
        using var json = JsonDocument.Parse(quiet.Stdout);
        Assert.Equal(["udp/7302"], json.RootElement.GetProperty("bound").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, json.RootElement.GetProperty("events").GetArrayLength());
    }

    [SkippableTheory]
    [InlineData("test", "198.18.90.1")]
    [InlineData("test", "198.18.90.1:0")]
    [InlineData("test", "198.18.90.1:22/icmp")]
    [InlineData("test", "2001:db8::1:22")]
    [InlineData("listen", "70000")]
    [InlineData("listen", "22/sctp")]
    public void Bad_input_exits_2_with_one_line(string command, string argument)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("port", command, argument);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("netlens: error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
    }

    /// <summary>`port test` from client A, as JSON: exit code, state, reason.</summary>
    private static (int Exit, string? State, string? Reason) Test(CheckLab lab, string target, params string[] extra)
    {
        var run = NetLensRunner.Run(["--netns", lab.ClientA.Name, "--json", "port", "test", target, .. extra]);
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(target.EndsWith("/udp", StringComparison.Ordinal) ? "udp_error_queue" : "tcp_connect", json.RootElement.GetProperty("mechanism").GetString());
        return (run.ExitCode, json.RootElement.GetProperty("state").GetString(), json.RootElement.GetProperty("reason").GetString());
    }
}
