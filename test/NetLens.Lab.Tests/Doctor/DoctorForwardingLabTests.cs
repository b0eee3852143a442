using System.Text.Json;

namespace NetLens.Lab.Tests.Doctor;

/// <summary>
/// forwarding_disabled, alone in its lab: the router's net.ipv4.ip_forward = 0. Seen from the client, the router drops
/// the packet in ip_error (IP_INADDRERRORS) without any ICMP; asked on the router itself (--iif), the arrival device's
/// sysctl says it.
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
