using System.Net.Sockets;
using System.Text.Json;

namespace NetLens.Lab.Tests.Doctor;

/// <summary>
/// The fault matrix: one lab per fault, each fault alone, and a healthy control; doctor must name the fault's kind
/// (and where), exit 1 for every fault and 0 for the control.
/// </summary>
public class DoctorFaultLabTests
{
    [SkippableFact]
    public void Healthy_path_is_reachable_by_port_and_by_echo()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorLab();

        var port = lab.DoctorWithPeer($"{DoctorLab.ServerAddress}:{DoctorLab.Port}");
        var echo = lab.Doctor(DoctorLab.ServerAddress);

        Assert.Equal(0, port.ExitCode);
        Assert.Equal(0, echo.ExitCode);
        var json = Parse(port);
        Assert.Equal("reachable", json.GetProperty("verdict").GetString());
        Assert.Equal("none", json.GetProperty("cause").GetProperty("kind").GetString());
        Assert.Equal("ok", Step(json, "peer_listener").GetProperty("status").GetString());
        Assert.Equal("reachable", Parse(echo).GetProperty("verdict").GetString());
    }

    [SkippableFact]
    public void No_route_is_named()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorLab();
        lab.Client.Ip("route del default");

        AssertCause(lab.Doctor($"{DoctorLab.ServerAddress}:{DoctorLab.Port}"), "no_route", "local");
    }

    [SkippableFact]
    public void A_prohibit_route_is_a_reject_route()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorLab();
        lab.Client.Ip("route add prohibit 198.18.61.0/24");

        var json = AssertCause(lab.Doctor($"{DoctorLab.ServerAddress}:{DoctorLab.Port}"), "reject_route", "local");
        Assert.Contains("198.18.61.0/24 prohibit", json.GetProperty("cause").GetProperty("evidence").GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_local_output_drop_is_the_local_firewall_and_the_fix_opens_output()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorLab();
        DoctorLab.Nft(lab.Client, "table inet dkout { chain output { type filter hook output priority 0; policy accept; tcp dport 8080 drop; }\n}");

        var json = AssertCause(lab.Doctor($"{DoctorLab.ServerAddress}:{DoctorLab.Port}"), "local_firewall", "local");
        Assert.Equal("inet dkout/output rule handle 2: tcp dport 8080 drop (verdict drop)", json.GetProperty("cause").GetProperty("rule").GetString());
        var fix = json.GetProperty("fixes")[0];
        Assert.Equal("local", fix.GetProperty("on").GetString());
        Assert.Equal($"netlens --netns {lab.Client.Name} port open 8080/tcp --direction out --peer {DoctorLab.ServerAddress}", fix.GetProperty("command").GetString());
    }

    [SkippableFact]
    public void Nobody_on_the_link_is_a_failed_neighbour()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorLab();

        var json = AssertCause(lab.Doctor("198.18.60.9:8080", "--timeout", "5"), "neighbour_failed", "local");
        Assert.Matches("FAILED|INCOMPLETE", Step(json, "neighbour").GetProperty("detail").GetString()!);
    }

    [SkippableFact]
    public void A_closed_port_has_no_listener()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorLab(listen: false);

        var json = AssertCause(lab.DoctorWithPeer($"{DoctorLab.ServerAddress}:{DoctorLab.Port}"), "no_listener", "peer");
        Assert.Equal("drop", Step(json, "peer_listener").GetProperty("status").GetString());
    }

    [SkippableFact]
    public void A_listener_on_another_address_is_named()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorLab(listen: false);
        using var listener = NetLens.Linux.Namespaces.NetworkContext.For(lab.Server.Name).Run(() =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, DoctorLab.Port));
            socket.Listen();
            return socket;
        });

        var json = AssertCause(lab.DoctorWithPeer($"{DoctorLab.ServerAddress}:{DoctorLab.Port}"), "listener_address", "peer");
        Assert.Contains("127.0.0.1:8080", json.GetProperty("cause").GetProperty("evidence").GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void No_way_back_from_the_peer_is_a_wrong_source()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorLab();
        lab.Server.Ip("route del default");

        AssertCause(lab.DoctorWithPeer($"{DoctorLab.ServerAddress}:{DoctorLab.Port}", "--timeout", "1"), "wrong_source", "peer");
    }

    [SkippableFact]
    public void A_strict_rp_filter_with_the_way_back_elsewhere_is_named_and_the_kernel_says_so()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorLab();
        using var side = LabNamespace.Create("dsd");
        VethLink.Connect(lab.Server, "ds1", side, "dd0");
        lab.Server.Ip("addr add 198.18.62.2/24 dev ds1");
        side.Ip("addr add 198.18.62.1/24 dev dd0");
        lab.Server.Ip("route add 198.18.60.0/24 via 198.18.62.1 dev ds1");
        DoctorLab.Check(lab.Server.Exec("sysctl", "-qw", "net.ipv4.conf.all.rp_filter=1", "net.ipv4.conf.ds0.rp_filter=1"));

        var json = AssertCause(lab.DoctorWithPeer($"{DoctorLab.ServerAddress}:{DoctorLab.Port}", "--timeout", "1"), "rp_filter", "peer");
        Assert.Contains(json.GetProperty("drops").EnumerateArray(), d => d.GetProperty("reason").GetString() == "IP_RPFILTER");
    }

    [SkippableFact]
    public void A_router_that_drops_is_a_filtered_path_after_its_hop()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorLab();
        DoctorLab.Nft(lab.Router, "table inet dkfw { chain forward { type filter hook forward priority 0; policy accept; tcp dport 8080 drop; }\n}");

        var json = AssertCause(lab.Doctor($"{DoctorLab.ServerAddress}:{DoctorLab.Port}", "--timeout", "1"), "path_filtered", "path");
        Assert.Equal(2, json.GetProperty("cause").GetProperty("hop").GetInt32());
        Assert.Contains("198.18.60.1", Step(json, "path").GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(json.GetProperty("drops").EnumerateArray(), d => d.GetProperty("reason").GetString() == "NETFILTER_DROP");
    }

    [SkippableFact]
    public void A_router_without_a_route_makes_the_path_unreachable()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorLab();
        lab.Router.Ip("route add unreachable 198.18.63.0/24");

        AssertCause(lab.Doctor("198.18.63.5:8080"), "path_unreachable", "path");
    }

    [SkippableFact]
    public void Echo_requests_dropped_by_the_peer_are_icmp_blocked()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorLab();
        DoctorLab.Nft(lab.Server, "table inet dkicmp { chain input { type filter hook input priority 0; policy accept; icmp type echo-request drop; }\n}");

        var json = AssertCause(lab.Doctor(DoctorLab.ServerAddress), "icmp_blocked", "path");
        Assert.Equal(2, json.GetProperty("cause").GetProperty("hop").GetInt32());

        // with the far side read, its rule is the cause, and --fix lets echo requests in
        var peer = AssertCause(lab.DoctorWithPeer(DoctorLab.ServerAddress), "peer_firewall", "peer");
        Assert.Equal("inet dkicmp/input rule handle 2: icmp type echo-request drop (verdict drop)", peer.GetProperty("cause").GetProperty("rule").GetString());
        var fixedRun = lab.DoctorWithPeer(DoctorLab.ServerAddress, "--fix");
        Assert.True(fixedRun.ExitCode == 0, fixedRun.Stdout + fixedRun.Stderr);
        Assert.Equal(0, lab.Client.Exec("python3", "-c", EchoScript, DoctorLab.ServerAddress).ExitCode);
    }

    [SkippableFact]
    public void A_peer_firewall_drop_is_fixed_by_fix_and_undone_byte_for_byte_by_the_printed_close()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorLab();
        DoctorLab.Nft(lab.Server, "table inet dkin { chain input { type filter hook input priority 0; policy drop; ct state established,related accept; iifname \"lo\" accept; }\n}");
        var before = lab.Server.Exec("nft", "list", "ruleset").Stdout;

        var found = AssertCause(lab.DoctorWithPeer($"{DoctorLab.ServerAddress}:{DoctorLab.Port}", "--timeout", "1"), "peer_firewall", "peer");
        Assert.Equal("inet dkin/input policy drop", found.GetProperty("cause").GetProperty("rule").GetString());

        var fixedRun = lab.DoctorWithPeer($"{DoctorLab.ServerAddress}:{DoctorLab.Port}", "--timeout", "1", "--fix");
        Assert.Equal(0, fixedRun.ExitCode);
        var fix = Parse(fixedRun).GetProperty("fixes")[0];
        Assert.True(fix.GetProperty("applied").GetBoolean());
        Assert.Equal("reachable", Parse(fixedRun).GetProperty("after_fix").GetProperty("verdict").GetString());

        // a real connection now succeeds from the client
        var connect = lab.Client.Exec("python3", "-c", $"import socket; socket.create_connection(('{DoctorLab.ServerAddress}', {DoctorLab.Port}), 3).close()");
        Assert.Equal(0, connect.ExitCode);

        var undo = fix.GetProperty("undo").GetString()!.Split(' ')[1..];
        var closed = NetLensRunner.Run(undo);
        Assert.Equal(0, closed.ExitCode);
        Assert.Equal(before, lab.Server.Exec("nft", "list", "ruleset").Stdout);
    }

    /// <summary>One echo request on a raw socket, exit 0 when its reply comes (this image has no ping).</summary>
    private const string EchoScript = """
        import socket, struct, sys
        def checksum(b):
            s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
            s = (s >> 16) + (s & 0xffff); s += s >> 16
            return ~s & 0xffff
        body = struct.pack('!BBHHH', 8, 0, 0, 0x4e4c, 1) + b'netlens!'
        packet = body[:2] + struct.pack('!H', checksum(body)) + body[4:]
        s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP); s.settimeout(2)
        s.sendto(packet, (sys.argv[1], 0))
        while True:
            data, (source, _) = s.recvfrom(1500)
            if source == sys.argv[1] and data[20] == 0 and data[24:26] == b'\x4e\x4c':
                sys.exit(0)
        """;

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

    /// <summary>Every document doctor prints in the matrix is checked against docs/schema/doctor.schema.json.</summary>
    private static JsonElement Parse(NetLensRun run)
    {
        Json.JsonSchemaCheck.AssertValid("doctor", run.Stdout);
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }

    private static JsonElement Step(JsonElement json, string kind) =>
        json.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("kind").GetString() == kind);
}
