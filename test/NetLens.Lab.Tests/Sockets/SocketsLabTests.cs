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

        var ss = Lines(lab.Ss("-tan"));
        var netlens = Run("sockets", "-tan");

        Assert.True(ss.Count > 2 * SocketsLab.Established, $"the lab should hold {2 * SocketsLab.Established}+ sockets, ss saw {ss.Count}");
        Assert.Equal(ss, Lines(netlens));
    }

    [SkippableFact]
    public void Tanp_finds_the_same_owners_as_ss()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var ss = Lines(lab.Ss("-tanp"));
        var netlens = Lines(Run("sockets", "-tanp"));

        Assert.Contains(netlens, l => l.Contains($"pid={Environment.ProcessId},", StringComparison.Ordinal));
        Assert.Equal(ss, netlens);
    }

    [SkippableFact]
    public void Filters_select_what_ss_selects()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        foreach (var filter in new[] { "state syn-recv", "state time-wait dport = :8082", "src 198.18.1.2 dport = :8080", "state listening", "sport >= :9000 or dport = :443" })
        {
            var words = filter.Split(' ');
            Assert.Equal(Lines(lab.Ss(["-tan", .. words])), Lines(Run(["sockets", "-tan", .. words])));
        }
    }

    [SkippableFact]
    public void No_header_and_family_options_list_what_ss_lists()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        foreach (var options in new[] { "-tanH4", "-tanH6", "-tlH", "-uaH6" })
        {
            // with -H there is no header line to skip: compare after putting one back
            Assert.Equal(Lines("header\n" + lab.Ss(options)), Lines("header\n" + Run("sockets", options)));
        }
    }

    [SkippableFact]
    public void Timers_name_what_ss_names()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var netlens = Run("sockets", "-tano");
        var ss = lab.Ss("-tano");

        // time left and SYN-ACK resends move between the two runs: the kinds must agree, the times read as ss writes them
        Assert.Equal(Lines(TimerValues().Replace(ss, "timer:($1,T,R)")), Lines(TimerValues().Replace(netlens, "timer:($1,T,R)")));
        var timers = TimerValues().Matches(netlens).Select(m => (Kind: m.Groups[1].Value, Left: m.Groups[2].Value)).ToList();
        Assert.Equal(SocketsLab.KeepAlive, timers.Count(t => t.Kind == "keepalive" && t.Left == "119min"));
        Assert.Equal(SocketsLab.TimeWait, timers.Count(t => t.Kind == "timewait" && SecondsOrLess().IsMatch(t.Left)));
        Assert.Equal(SocketsLab.HalfOpen, timers.Count(t => t.Kind == "on"));
    }

    [SkippableFact]
    public void Udp_listing_equals_ss()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        Assert.Equal(Lines(lab.Ss("-uan")), Lines(Run("sockets", "-uan")));
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
        Assert.Equal(Figure(ssSummary, TotalLine()), Figure(text, TotalLine()));
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
        Assert.Equal(Lines(ss.Stdout), Lines(netlens.Stdout));
    }

    private string Run(params string[] arguments)
    {
        var run = NetLensRunner.Run(["--netns", lab.Ns.Name, .. arguments]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run.Stdout;
    }

    private CommandResult AsNobody(string program, params string[] arguments) =>
        lab.Ns.Exec("setpriv", ["--reuid", "65534", "--regid", "65534", "--clear-groups", program, .. arguments]);

    /// <summary>The listing without its header, each line's columns joined by one space, sorted: ss pads to its own widths.</summary>
    private static List<string> Lines(string listing) =>
        [.. listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => string.Join(' ', l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)))
            .Order(StringComparer.Ordinal)];

    private static List<string> Transport(string summary) =>
        [.. summary.Split('\n').SkipWhile(l => !l.StartsWith("Transport", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.Trim().Length > 0)
            .Select(l => string.Join(' ', l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)))];

    private static string Figure(string text, Regex regex) => regex.Match(text).Groups[1].Value;

    private static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"timer:\((\w+),([^,]*),(\d+)\)")]
    private static partial Regex TimerValues();

    [GeneratedRegex(@"^(1min|\d+sec|\d\.\d{3}ms|\d{3}ms)$")]
    private static partial Regex SecondsOrLess();

    [GeneratedRegex(@"^Total: (\d+)", RegexOptions.Multiline)]
    private static partial Regex TotalLine();

    [GeneratedRegex(@"TCP:\s+(?<total>\d+) \(estab (?<estab>\d+), closed (?<closed>\d+), orphaned (?<orphaned>\d+), synrecv (?<synrecv>\d+), timewait (?<timewait>\d+)/(?<tw2>\d+)\), ports (?<ports>\d+)")]
    private static partial Regex SheetLine();

    [GeneratedRegex(@"TCP:\s+(?<total>\d+) \(estab (?<estab>\d+), closed (?<closed>\d+), orphaned (?<orphaned>\d+), timewait (?<timewait>\d+)\)")]
    private static partial Regex SsTcpLine();
}
