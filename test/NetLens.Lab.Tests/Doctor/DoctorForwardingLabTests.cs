using System.Text.Json;

namespace NetLens.Lab.Tests.Doctor;

/// <summary>
/// forwarding_disabled, alone in its lab: the router's net.ipv4.ip_forward = 0. Seen from the client, the router drops
/// the packet in ip_error (IP_INADDRERRORS) without any ICMP; asked on the router itself (--iif), the arrival device's
/// sysctl says it. And the conntrack step's reading of a far side's table.
/// </summary>
public class DoctorForwardingLabTests
{
    [SkippableFact]
    public void A_router_that_does_not_forward_is_named_at_its_hop_by_the_kernels_drop_reason()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorLab();
        DoctorLab.Check(lab.Router.Exec("sysctl", "-qw", "net.ipv4.ip_forward=0"));
        var before = InAddrErrors(lab.Router);

        var run = lab.Doctor($"{DoctorLab.ServerAddress}:{DoctorLab.Port}", "--timeout", "1");

        var json = AssertCause(run, "forwarding_disabled", "path");
        var cause = json.GetProperty("cause");
        Assert.Equal(1, cause.GetProperty("hop").GetInt32());
        var evidence = cause.GetProperty("evidence").GetString()!;
        Assert.Contains("IP_INADDRERRORS in ip_error", evidence, StringComparison.Ordinal);
        Assert.Contains("198.18.60.1, the gateway", evidence, StringComparison.Ordinal);
        Assert.Contains(json.GetProperty("drops").EnumerateArray(), d => d.GetProperty("reason").GetString() == "IP_INADDRERRORS" && d.GetProperty("location").GetString() == "ip_error");

        // Ground truth: the router's own MIB counted the packets it would not forward (IpInAddrErrors), and the
        // same packets pass once it forwards again.
        Assert.True(InAddrErrors(lab.Router) > before, "the router's InAddrErrors did not rise");
        DoctorLab.Check(lab.Router.Exec("sysctl", "-qw", "net.ipv4.ip_forward=1"));
        Assert.Equal(0, lab.Doctor($"{DoctorLab.ServerAddress}:{DoctorLab.Port}").ExitCode);
    }

    [SkippableFact]
    public void Asked_on_the_router_with_iif_the_arrival_devices_sysctl_is_the_cause_not_a_reject_route()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorLab();
        DoctorLab.Check(lab.Router.Exec("sysctl", "-qw", "net.ipv4.conf.dr0.forwarding=0"));

        // the kernel's own answer to the same question: no route to host
        var ip = lab.Router.TryIp($"route get {DoctorLab.ServerAddress} from {DoctorLab.ClientAddress} iif dr0");
        Assert.Contains("No route to host", ip.Stderr, StringComparison.Ordinal);

        var run = RouterDoctor(lab);

        var json = AssertCause(run, "forwarding_disabled", "local");
        var cause = json.GetProperty("cause");
        Assert.Equal("net.ipv4.conf.dr0.forwarding", cause.GetProperty("rule").GetString());
        Assert.Contains("forwarding is off on dr0", cause.GetProperty("evidence").GetString(), StringComparison.Ordinal);
        Assert.Equal("drop", Step(json, "route").GetProperty("status").GetString());

        DoctorLab.Check(lab.Router.Exec("sysctl", "-qw", "net.ipv4.conf.dr0.forwarding=1"));
        var on = RouterDoctor(lab);
        var after = Parse(on);
        Assert.Equal("ok", Step(after, "forwarding").GetProperty("status").GetString());
        Assert.Equal("dr0 forwards (net.ipv4.conf.dr0.forwarding = 1)", Step(after, "forwarding").GetProperty("detail").GetString());
        Assert.NotEqual("forwarding_disabled", after.GetProperty("cause").GetProperty("kind").GetString());
    }

    /// <summary>
    /// conntrack_full itself cannot be built here: a namespace's nf_conntrack_max is read-only on this kernel (the limit is
    /// the host's), and filling the host's table would reach every namespace on it. What doctor reads is checked instead:
    /// the far side's table, in use by a stateful rule and holding the lab's connections, against its /proc files.
    /// </summary>
    [SkippableFact]
    public void The_far_sides_conntrack_table_is_read_as_its_proc_files_say()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorLab();
        DoctorLab.Nft(lab.Server, "table inet dkct { chain input { type filter hook input priority 0; policy accept; ct state established,related accept; }\n}");
        var connections = new List<System.Net.Sockets.Socket>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                connections.Add(NetLens.Linux.Namespaces.NetworkContext.For(lab.Client.Name).Run(() =>
                {
                    var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                    socket.Connect(System.Net.IPAddress.Parse(DoctorLab.ServerAddress), DoctorLab.Port);
                    return socket;
                }));
            }

            var run = lab.DoctorWithPeer($"{DoctorLab.ServerAddress}:{DoctorLab.Port}");

            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
            var step = Step(Parse(run), "conntrack");
            Assert.Equal("ok", step.GetProperty("status").GetString());
            var detail = step.GetProperty("detail").GetString()!;
            var match = System.Text.RegularExpressions.Regex.Match(detail, $"^{lab.Server.Name}: nf_conntrack_count (\\d+) of nf_conntrack_max (\\d+)$");
            Assert.True(match.Success, detail);
            var count = long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(lab.Server.Exec("cat", "/proc/sys/net/netfilter/nf_conntrack_max").Stdout.Trim(), match.Groups[2].Value);
            Assert.InRange(count, connections.Count, long.Parse(lab.Server.Exec("cat", "/proc/sys/net/netfilter/nf_conntrack_count").Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture));

            // and the limit cannot be lowered in the namespace, which is why the full table is not built
            // (procps sysctl exits 0 on that failure; the write itself is refused: EACCES, the file is 0444 there)
            var lowered = lab.Server.Exec("sh", "-c", "echo 8 > /proc/sys/net/netfilter/nf_conntrack_max");
            Assert.NotEqual(0, lowered.ExitCode);
            Assert.Contains("Permission denied", lowered.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            connections.ForEach(c => c.Dispose());
        }
    }

    private static NetLensRun RouterDoctor(DoctorLab lab) =>
        NetLensRunner.Run(["--netns", lab.Router.Name, "--json", "doctor", $"{DoctorLab.ServerAddress}:{DoctorLab.Port}",
            "--from", DoctorLab.ClientAddress, "--iif", "dr0", "--timeout", "1"]);

    /// <summary>The namespace's Ip InAddrErrors counter from /proc/net/snmp (the header line names the columns).</summary>
    private static long InAddrErrors(LabNamespace where)
    {
        var lines = where.Exec("cat", "/proc/net/snmp").Stdout.Split('\n').Where(l => l.StartsWith("Ip: ", StringComparison.Ordinal)).ToList();
        var column = Array.IndexOf(lines[0].Split(' '), "InAddrErrors");
        return long.Parse(lines[1].Split(' ')[column], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static JsonElement AssertCause(NetLensRun run, string kind, string where)
    {
        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        var json = Parse(run);
        Assert.Equal("blocked", json.GetProperty("verdict").GetString());
        var cause = json.GetProperty("cause");
        Assert.True(kind == cause.GetProperty("kind").GetString(), run.Stdout);
        Assert.Equal(where, cause.GetProperty("where").GetString());
        return json;
    }

    private static JsonElement Parse(NetLensRun run)
    {
        Json.JsonSchemaCheck.AssertValid("doctor", run.Stdout);
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }

    private static JsonElement Step(JsonElement json, string kind) =>
        json.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("kind").GetString() == kind);
}
