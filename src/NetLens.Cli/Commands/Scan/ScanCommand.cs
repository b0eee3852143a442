using System.CommandLine;
using NetLens.Cli.Hosting;
using NetLens.Core;
using NetLens.Core.Scanning;

namespace NetLens.Cli.Commands.Scan;

/// <summary>`netlens scan TARGET…`: is the host up, which TCP ports answer, in nmap's states and layout.</summary>
public static class ScanCommand
{
    private static readonly Argument<string[]> Targets = new("target")
    {
        Description = "Addresses, names, CIDR blocks (198.18.0.0/24, 2001:db8::/120) or ranges (198.18.4.1-20)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<string?> InputList = new("-iL") { Description = "Also scan the targets listed in FILE (whitespace-separated; - for stdin)", HelpName = "FILE" };
    private static readonly Option<string?> Exclude = new("--exclude") { Description = "Never probe these hosts or blocks (comma-separated)", HelpName = "LIST" };
    private static readonly Option<string?> ExcludeFile = new("--excludefile") { Description = "Never probe the hosts or blocks listed in FILE", HelpName = "FILE" };
    private static readonly Option<bool> Open = new("--open") { Description = "Show only open (and open|filtered) ports, and only the hosts that have one" };
    private static readonly Option<string?> GrepableFile = new("-oG") { Description = "Also write nmap's grepable output to FILE (- for stdout)", HelpName = "FILE" };
    private static readonly Option<string?> HostTimeoutOption = new("--host-timeout") { Description = "Give up on a host whose ports take longer than TIME (30s, 500ms, 2m; a bare number is seconds); its ports are not reported", HelpName = "TIME" };
    private static readonly Option<int?> MaxRetries = new("--max-retries") { Description = "Retransmit a silent probe at most N times (0: never)", HelpName = "N" };

    private static readonly Option<string?> Ports = new("--ports", "-p")
    {
        Description = "Ports to scan: 22,80,1000-2000; - for all 65535",
        HelpName = "LIST",
    };

    // nmap's -p- written as one word, which the parser would not split
    private static readonly Option<bool> AllPorts = new("-p-") { Description = "All 65535 ports (as -p -)" };

    private static readonly Option<int?> TopPorts = new("--top-ports", "--top") { Description = "The N most common ports of netlens's own list", HelpName = "N" };
    private static readonly Option<bool> Fast = new("--fast", "-F") { Description = "The 100 most common ports" };
    private static readonly Option<bool> Connect = new("--connect", "-sT") { Description = "TCP connect scan (the default without CAP_NET_RAW)" };
    private static readonly Option<bool> Syn = new("--syn", "-sS") { Description = "TCP SYN scan over raw sockets (the default with CAP_NET_RAW, e.g. as root)" };
    private static readonly Option<bool> PingOnly = new("--ping-only", "-sn") { Description = "Host discovery only: which hosts are up, no port scan" };

    // nmap's -T0…-T5 as six flags: the parser would not split "-T4" into an option and its value
    private static readonly Option<bool>[] Templates = [.. Enumerable.Range(0, 6).Select(level => new Option<bool>($"-T{level}")
    {
        Description = level switch
        {
            0 => "Timing: paranoid (one probe per 5 minutes)",
            1 => "Timing: sneaky (one probe per 15 s)",
            2 => "Timing: polite (one probe per 0.4 s)",
            3 => "Timing: normal (the default)",
            4 => "Timing: aggressive (shorter timeouts)",
            _ => "Timing: insane (shortest timeouts)",
        },
    })];

    private static readonly Option<double?> MinRate = new("--min-rate") { Description = "Send at least this many packets per second, past the congestion window", HelpName = "N" };
    private static readonly Option<double?> MaxRate = new("--max-rate")
    {
        Description = $"Send at most this many packets per second (default {SendRate.DefaultMaxPerSecond:0})",
        HelpName = "N",
    };
    private static readonly Option<bool> Udp = new("--udp", "-sU") { Description = "UDP scan (unprivileged: ICMP errors read from the socket's error queue); with -sT both" };
    private static readonly Option<string?> XmlFile = new("-oX") { Description = "Also write nmap's XML to FILE (- for stdout)", HelpName = "FILE" };
    private static readonly Option<string?> NormalFile = new("-oN") { Description = "Also write the normal output to FILE (- for stdout)", HelpName = "FILE" };
    private static readonly Option<bool> NoPing = new("--no-ping", "-Pn") { Description = "Skip host discovery: treat every host as up" };
    // nmap's "never do DNS resolution": netlens's scan never looks up names for addresses, so the habit costs nothing
    private static readonly Option<bool> NoResolve = new("-n") { Description = "Never resolve addresses to names (as nmap -n; netlens's scan never does)" };
    private static readonly Option<bool> Reason = new("--reason") { Description = "Say why each port has its state (syn-ack, conn-refused, no-response…)" };

    private static readonly Option<int> MaxHosts = new("--max-hosts")
    {
        Description = "Refuse target lists holding more addresses than this",
        DefaultValueFactory = _ => TargetList.DefaultMaxHosts,
        HelpName = "N",
    };

    public static Command Create(CliOutput output)
    {
        var command = new Command("scan", "Is the host up, which TCP ports are open, closed or filtered (nmap's states and layout)");
        command.Arguments.Add(Targets);
        foreach (var option in new Option[] { InputList, Exclude, ExcludeFile, Open, GrepableFile, MaxRetries, HostTimeoutOption, Ports, AllPorts, TopPorts, Fast, Connect, Syn, Udp, XmlFile, NormalFile, PingOnly, NoPing, NoResolve, Reason, MaxHosts, MinRate, MaxRate }.Concat(Templates))
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancel) => ScanHandler.RunAsync(Bind(parse, output), output, cancel));
        return command;
    }

    private static ScanOptions Bind(ParseResult parse, CliOutput output)
    {
        var list = parse.GetValue(Ports);
        var all = parse.GetValue(AllPorts);
        var top = parse.GetValue(TopPorts);
        var fast = parse.GetValue(Fast);
        if ((list is not null ? 1 : 0) + (all ? 1 : 0) + (top is not null ? 1 : 0) + (fast ? 1 : 0) > 1)
        {
            throw new UsageException("-p, -p-, --top and -F each choose the ports: give one of them");
        }

        if (top is < 1 || top > PortRanking.BuiltIn.Ports.Count)
        {
            throw new UsageException($"--top takes 1 to {PortRanking.BuiltIn.Ports.Count} (the length of netlens's port list), not {top}");
        }

        var levels = Enumerable.Range(0, 6).Where(level => parse.GetValue(Templates[level])).ToList();
        if (levels.Count > 1)
        {
            throw new UsageException("give one timing template (-T0 to -T5), not several");
        }

        var connect = parse.GetValue(Connect);
        var syn = parse.GetValue(Syn);
        if (connect && syn)
        {
            throw new UsageException("-sS and -sT are two ways to scan TCP: give one of them");
        }

        var pingOnly = parse.GetValue(PingOnly);
        if (pingOnly && parse.GetValue(NoPing))
        {
            throw new UsageException("-sn (discovery only) and -Pn (no discovery) together leave nothing to do");
        }

        var maxRate = parse.GetValue(MaxRate);
        var minRate = parse.GetValue(MinRate);
        if (maxRate is <= 0 || minRate is < 0 || (minRate ?? 0) > (maxRate ?? double.MaxValue))
        {
            throw new UsageException("--min-rate and --max-rate are packets per second: positive, and the minimum not above the maximum");
        }

        string?[] files = [parse.GetValue(XmlFile), parse.GetValue(NormalFile), parse.GetValue(GrepableFile)];
        if (parse.GetValue(GlobalOptions.Json) && files.Contains("-"))
        {
            // both would be the one document on stdout; the XML would win and the JSON asked for would be missing
            throw new UsageException("--json and -oX -/-oN -/-oG - all write to stdout: give one (or a FILE to -oX/-oN/-oG)");
        }

        if (files.Count(f => f == "-") > 1)
        {
            throw new UsageException("-oX, -oN and -oG: only one of them may write to stdout (-)");
        }

        if (parse.GetValue(MaxRetries) is < 0)
        {
            throw new UsageException($"--max-retries takes 0 or more retransmissions, not {parse.GetValue(MaxRetries)}");
        }

        var hostTimeout = parse.GetValue(HostTimeoutOption) is { } timeText ? HostTimeoutOf(timeText) : null;
        var inputList = parse.GetValue(InputList);
        string[] targets = [.. parse.GetValue(Targets) ?? [], .. inputList is null ? [] : TargetListFile.Read(inputList, "-iL")];
        if (targets.Length == 0)
        {
            throw new UsageException(inputList is null ? "give at least one target (an address, a name, a block), or -iL FILE" : $"-iL {inputList}: the file lists no target");
        }

        var excludeFile = parse.GetValue(ExcludeFile);
        string[] excluded =
        [
            .. (parse.GetValue(Exclude) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            .. excludeFile is null ? [] : TargetListFile.Read(excludeFile, "--excludefile"),
        ];

        // "T:22,U:53" splits by protocol; an unqualified list applies to both
        var split = list is null ? default : UdpPortSpec.Parse(list);

        return new ScanOptions
        {
            TcpScan = syn ? TcpScanType.Syn : connect ? TcpScanType.Connect : null,
            DiscoveryOnly = pingOnly,
            TimingLevel = levels.Count == 1 ? levels[0] : TimingTemplate.Default,
            MinRate = minRate ?? 0,
            MaxRate = maxRate ?? Math.Max(SendRate.DefaultMaxPerSecond, minRate ?? 0),
            Progress = output.ErrorIsTerminal,
            Targets = targets,
            Excluded = excluded,
            OpenOnly = parse.GetValue(Open),
            GrepableFile = parse.GetValue(GrepableFile),
            MaxRetries = parse.GetValue(MaxRetries),
            HostTimeout = hostTimeout,
            Ports = all ? PortSpecParser.Parse("-") : list is null ? null : split.Tcp,
            UdpPorts = all ? PortSpecParser.Parse("-") : list is null ? null : split.Udp,
            Udp = parse.GetValue(Udp),
            TcpRequested = connect || syn,
            XmlFile = parse.GetValue(XmlFile),
            NormalFile = parse.GetValue(NormalFile),
            CommandLine = string.Join(' ', ["netlens", .. parse.Tokens.Select(t => t.Value)]),
            Top = top ?? (fast ? 100 : 1000),
            SkipDiscovery = parse.GetValue(NoPing),
            Reason = parse.GetValue(Reason),
            Json = parse.GetValue(GlobalOptions.Json),
            Verbose = parse.GetValue(GlobalOptions.Verbose),
            Netns = parse.GetValue(GlobalOptions.Netns),
            MaxHosts = parse.GetValue(MaxHosts),
        };
    }

    private static TimeSpan? HostTimeoutOf(string text)
    {
        try
        {
            return HostTimeout.Parse(text);
        }
        catch (UsageException e)
        {
            throw new UsageException($"--host-timeout {e.Message}");
        }
    }
}
