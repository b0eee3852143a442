using System.Globalization;
using System.Text.RegularExpressions;

namespace NetLens.Lab.Tests.Sockets;

/// <summary>netlens sockets against ss and against what the lab built: 10k established connections, half-open, TIME-WAIT, bound-only.</summary>
public partial class SocketsLabTests(SocketsLab lab) : IClassFixture<SocketsLab>
{
    [SkippableFact]
    public void Tan_lists_exactly_what_ss_tan_lists()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var ss = lab.Ss("-tan");
        var netlens = Run("sockets", "-tan");

        Assert.True(ss.Split('\n').Length > 2 * SocketsLab.Established, $"the lab should hold {2 * SocketsLab.Established}+ sockets");
        Assert.Equal(ss, netlens);
    }

    [SkippableFact]
    public void Tanp_finds_the_same_owners_as_ss()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var ss = lab.Ss("-tanp");
        var netlens = Run("sockets", "-tanp");

        Assert.Contains($"pid={Environment.ProcessId},", netlens, StringComparison.Ordinal);
        Assert.Equal(ss, netlens);
    }

    [SkippableFact]
    public void Filters_select_what_ss_selects()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        foreach (var filter in new[] { "state syn-recv", "state time-wait dport = :8082", "src 198.18.1.2 dport = :8080", "state listening", "sport >= :9000 or dport = :443" })
        {
            var words = filter.Split(' ');
            Assert.Equal(lab.Ss(["-tan", .. words]), Run(["sockets", "-tan", .. words]));
        }
    }

    [SkippableFact]
    public void No_header_and_family_options_list_what_ss_lists()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        foreach (var options in new[] { "-tanH4", "-tanH6", "-tlH", "-uaH6", "-u", "-w", "-uw" })
        {
            Assert.Equal(lab.Ss(options), Run("sockets", options));
        }
    }

    [SkippableFact]
    public void Timers_name_what_ss_names()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var netlens = Run("sockets", "-tano");
        var ss = lab.Ss("-tano");

        // time left and SYN-ACK resends move between the two runs: the kinds must agree, the times read as ss writes
        // them; with the values masked, the last column's padding (the longest timer text) may differ, so line ends are trimmed
        Assert.Equal(Masked(ss, TimerValues(), "timer:($1,T,R)"), Masked(netlens, TimerValues(), "timer:($1,T,R)"));
        var timers = TimerValues().Matches(netlens).Select(m => (Kind: m.Groups[1].Value, Left: m.Groups[2].Value)).ToList();
        Assert.Equal(SocketsLab.KeepAlive, timers.Count(t => t.Kind == "keepalive" && t.Left == "119min"));
        Assert.Equal(SocketsLab.TimeWait, timers.Count(t => t.Kind == "timewait" && SecondsOrLess().IsMatch(t.Left)));
        Assert.Equal(SocketsLab.HalfOpen, timers.Count(t => t.Kind == "on"));
    }

    [SkippableFact]
    public void Udp_listing_equals_ss()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        Assert.Equal(lab.Ss("-uan"), Run("sockets", "-uan"));
    }

    [SkippableFact]
    public void Unix_raw_and_memory_listings_equal_ss_byte_for_byte()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        // -x/-xa: the lab's unix sockets; -m: queues and buffers of idle sockets stay put. -w (connected raw sockets:
        // none) is in No_header_and_family_options_list_what_ss_lists; -wa is not compared: on a kernel without raw_diag
        // (CONFIG_INET_RAW_DIAG off, as here) ss reads /proc/net/raw and lists the lab's raw ICMP socket, netlens has no
        // such fallback yet and lists none
        foreach (var options in new[] { "-x", "-xa", "-xap", "-uanm", "-tlnm" })
        {
            Assert.Equal(lab.Ss(options), Run("sockets", options));
        }
    }

    [SkippableFact]
    public void Extended_listing_equals_ss_but_for_the_cgroup()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        // netlens does not name the cgroup yet (ss: "cgroup:PATH"): that word is taken out of ss's lines; -e shows
        // timers, whose time left moves between the reads: masked as in Timers_name_what_ss_names. As the last column
        // then narrows, line ends are trimmed; everything else (uid, ino, sk, v6only, shutdown) must match
        foreach (var options in new[] { "-tane", "-uane", "-tlne" })
        {
            Assert.Equal(
                Masked(Masked(lab.Ss(options), CgroupWord(), ""), TimerValues(), "timer:($1,T,R)"),
                Masked(Masked(Run("sockets", options), CgroupWord(), ""), TimerValues(), "timer:($1,T,R)"));
        }
    }

    [SkippableFact]
    public void Info_listing_has_ss_layout_and_words_with_live_counters_masked()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        // tcp_info moves between the two reads (last send/receive/ack times, rtt, rates): those values are masked,
        // and with them the last column's padding (line ends trimmed). netlens does not decode bbr:(…) yet: masked too.
        var ss = Masked(Masked(lab.Ss("-tlni"), BbrWord(), ""), LiveInfo(), "$1:N");
        var netlens = Masked(Masked(Run("sockets", "-tlni"), BbrWord(), ""), LiveInfo(), "$1:N");

        Assert.Equal(ss, netlens);
    }

    [SkippableFact]
    public void Summary_figures_equal_the_kernels()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var ssSummary = lab.Ss("-s");
        var tan = lab.Ss("-tanH").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var text = Run("sockets", "-s");

        var ours = SheetLine().Match(text);
        Assert.True(ours.Success, text);
        var ss = SsTcpLine().Match(ssSummary);
        Assert.True(ss.Success, ssSummary);

        // ss still gets these right inside a namespace: Total (sockets used), estab (CurrEstab), timewait, the Transport table
        // "sockets: used" counts the whole machine's sockets, so any process may move it between the two reads: the
        // same figure read at one quiet moment (ss, netlens, ss again agreeing) shows both read the same counter
        var total = Figure(text, TotalLine());
        for (var attempt = 0; attempt < 10 && total != Figure(ssSummary, TotalLine()); attempt++)
        {
            text = Run("sockets", "-s");
            total = Figure(text, TotalLine());
            ssSummary = lab.Ss("-s");
        }

        Assert.Equal(Figure(ssSummary, TotalLine()), total);
        Assert.Equal(ss.Groups["estab"].Value, ours.Groups["estab"].Value);
        Assert.Equal(ss.Groups["timewait"].Value, ours.Groups["timewait"].Value);
        Assert.Equal(Transport(ssSummary), Transport(text));

        // the rest against the sockets themselves and what the lab built
        Assert.Equal(2 * (SocketsLab.Established + SocketsLab.Ipv6Established) + SocketsLab.HalfOpen, Int(ours, "estab"));
        Assert.Equal(SocketsLab.HalfOpen, Int(ours, "synrecv"));
        Assert.Equal(tan.Count(f => f[0] == "SYN-RECV"), Int(ours, "synrecv"));
        Assert.Equal(SocketsLab.TimeWait, Int(ours, "timewait"));
        Assert.Equal(SocketsLab.BoundOnlyPorts.Length, Int(ours, "closed"));
        Assert.Equal(tan.Count(f => f[0] is "FIN-WAIT-1" or "FIN-WAIT-2" or "CLOSING" or "LAST-ACK"), Int(ours, "orphaned"));
        Assert.Equal(tan.Count(f => f[0] != "SYN-RECV") + SocketsLab.BoundOnlyPorts.Length, Int(ours, "total"));
        var ports = tan.Select(f => f[3][(f[3].LastIndexOf(':') + 1)..]).Concat(SocketsLab.BoundOnlyPorts.Select(p => p.ToString(CultureInfo.InvariantCulture))).Distinct().Count();
        Assert.Equal(ports, Int(ours, "ports"));
    }

    [SkippableFact]
    public void Summary_walks_give_the_same_figures_per_family_as_in_one_dump()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var together = NetLens.Linux.SockDiag.SocketCensusReader.Read(lab.Ns.Name).Summary();
        var apart = NetLens.Linux.SockDiag.SocketCensusReader.Read(lab.Ns.Name, oneDumpForBothFamilies: false).Summary();

        Assert.Equal(SocketsLab.HalfOpen, together.SynRecv);
        Assert.Equal(
            (together.TcpTotal, together.Established, together.Closed, together.Orphaned, together.SynRecv, together.TimeWait, together.Ports),
            (apart.TcpTotal, apart.Established, apart.Closed, apart.Orphaned, apart.SynRecv, apart.TimeWait, apart.Ports));
    }

    [SkippableFact]
    public void Check_exits_0_when_the_lab_has_nothing_wrong_and_json_carries_the_summary()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var check = NetLensRunner.Run("--netns", lab.Ns.Name, "sockets", "--check");
        var json = NetLensRunner.Run("--netns", lab.Ns.Name, "--json", "sockets", "-s");

        Assert.Equal(0, check.ExitCode);
        Assert.StartsWith("No findings", check.Stdout, StringComparison.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(json.Stdout);
        Assert.Equal(SocketsLab.HalfOpen, document.RootElement.GetProperty("summary").GetProperty("tcp").GetProperty("synrecv").GetInt32());
    }

    [SkippableFact]
    public void Unprivileged_users_see_what_ss_shows_them()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var ss = AsNobody("ss", "-tanp");
        var netlens = AsNobody(NativeBinary.Path, "sockets", "-tanp");

        Assert.Equal(0, netlens.ExitCode);
        Assert.Equal(ss.Stdout, netlens.Stdout);
    }

    private string Run(params string[] arguments)
    {
        var run = NetLensRunner.Run(["--netns", lab.Ns.Name, .. arguments]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run.Stdout;
    }

    private CommandResult AsNobody(string program, params string[] arguments) =>
        lab.Ns.Exec("setpriv", ["--reuid", "65534", "--regid", "65534", "--clear-groups", program, .. arguments]);

    /// <summary>The listing with <paramref name="regex"/>'s matches replaced and each line's end trimmed (the masked values set the last column's padding); order and every other byte kept.</summary>
    private static string Masked(string listing, Regex regex, string replacement) =>
        string.Join('\n', regex.Replace(listing, replacement).Split('\n').Select(l => l.TrimEnd(' ')));

    private static List<string> Transport(string summary) =>
        [.. summary.Split('\n').SkipWhile(l => !l.StartsWith("Transport", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.Trim().Length > 0)
            .Select(l => string.Join(' ', l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)))];

    private static string Figure(string text, Regex regex) => regex.Match(text).Groups[1].Value;

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"timer:\((\w+),([^,]*),(\d+)\)")]
    private static partial Regex TimerValues();

    [GeneratedRegex(@" cgroup:\S+")]
    private static partial Regex CgroupWord();

    [GeneratedRegex(@" bbr:\([^)]*\)")]
    private static partial Regex BbrWord();

    [GeneratedRegex(@"\b(rto|rtt|ato|lastsnd|lastrcv|lastack|send|pacing_rate|delivery_rate|minrtt|busy|rcv_rtt|rcv_space|rcv_ssthresh|bytes_acked|bytes_received|segs_out|segs_in|data_segs_out|data_segs_in|delivered|cwnd|ssthresh|unacked|retrans|bytes_sent|snd_wnd)[: ]\S+")]
    private static partial Regex LiveInfo();

    [GeneratedRegex(@"^(1min|\d+sec|\d\.\d{3}ms|\d{3}ms)$")]
    private static partial Regex SecondsOrLess();

    [GeneratedRegex(@"^Total: (\d+)", RegexOptions.Multiline)]
    private static partial Regex TotalLine();

    [GeneratedRegex(@"TCP:\s+(?<total>\d+) \(estab (?<estab>\d+), closed (?<closed>\d+), orphaned (?<orphaned>\d+), synrecv (?<synrecv>\d+), timewait (?<timewait>\d+)/(?<tw2>\d+)\), ports (?<ports>\d+)")]
    private static partial Regex SheetLine();

    [GeneratedRegex(@"TCP:\s+(?<total>\d+) \(estab (?<estab>\d+), closed (?<closed>\d+), orphaned (?<orphaned>\d+), timewait (?<timewait>\d+)\)")]
    private static partial Regex SsTcpLine();
}
