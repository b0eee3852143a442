using System.CommandLine;
using System.Net.Sockets;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Trace;
using NetLens.Core;
using NetLens.Core.Probing;

namespace NetLens.Cli.Commands.Trace;

/// <summary>`netlens trace HOST`: mtr's hop-by-hop statistics, unprivileged, with loss read for the user.</summary>
public static class TraceCommand
{
    private static readonly Argument<string> Host = new("host") { Description = "Where to trace to: an address or a name" };
    private static readonly Option<bool> Numeric = new("--no-dns", "-n") { Description = "Addresses only, no reverse DNS names" };
    private static readonly Option<int> Count = new("--count", "-c") { Description = "Rounds of probes", DefaultValueFactory = _ => 10, HelpName = "N" };
    private static readonly Option<double> Interval = new("--interval", "-i") { Description = "Seconds between rounds (sub-second allowed)", DefaultValueFactory = _ => 1.0, HelpName = "SEC" };
    private static readonly Option<double?> Timeout = new("--timeout") { Description = "Seconds to wait for each probe's reply; unset, it adapts: 10x the slowest reply seen so far, kept within 0.3 to 2 s", HelpName = "SEC" };
    private static readonly Option<int> MaxHops = new("--max-hops", "-m") { Description = "Highest TTL probed", DefaultValueFactory = _ => 30, HelpName = "N" };
    private static readonly Option<int?> Port = new("--port", "-p") { Description = "Destination port, the same for every probe of the trace; unset: 33434 for UDP, 80 for TCP", HelpName = "PORT" };
    private static readonly Option<bool> Udp = new("--udp", "-u") { Description = "UDP probes; ICMP errors read from the socket error queue, no privilege needed (the default without CAP_NET_RAW)" };
    private static readonly Option<bool> Icmp = new("--icmp") { Description = "ICMP echo probes: a raw socket with CAP_NET_RAW (the default then, as mtr's), else an ICMP datagram socket (allowed by net.ipv4.ping_group_range)" };
    private static readonly Option<int> FirstTtl = new("--first-ttl", "-f") { Description = "TTL of the first hop probed (mtr -f); the hops before it are neither probed nor shown", DefaultValueFactory = _ => 1, HelpName = "N" };
    private static readonly Option<int?> PacketSize = new("--psize", "-s") { Description = $"Size of each ICMP or UDP probe in bytes, the whole IP packet with its headers, as mtr -s counts it (mtr's negative, random sizes are not offered); unset: the smallest probe", HelpName = "BYTES" };
    private static readonly Option<bool> Report = new("--report", "-r") { Description = "After the rounds, print mtr's report layout (mtr -r)" };
    private static readonly Option<bool> Mpls = new("--mpls", "-e") { Description = "Show MPLS labels from ICMP extensions in the report (mtr -e); always in JSON and the live view" };
    private static readonly Option<bool> Tcp = new("--tcp", "-T") { Description = "TCP SYN probes: raw with CAP_NET_RAW, else connect() with the error queue (no privilege)" };
    private static readonly Option<int> Flows = new("--flows") { Description = "Vary the flow identifiers over N flows to show parallel (ECMP) paths per hop; 1 keeps one constant flow", DefaultValueFactory = _ => 1, HelpName = "N" };
    private static readonly Option<bool> Wide = new("--report-wide", "-w") { Description = "Report with host names whole instead of cut at mtr's column (mtr -w); implies --report" };
    private static readonly Option<bool> ShowIps = new("--show-ips", "-b") { Description = "Show each named host as NAME (ADDRESS), as mtr -b" };
    private static readonly Option<bool> Ipv4 = new("-4") { Description = "Resolve the host name to an IPv4 address only" };
    private static readonly Option<bool> Ipv6 = new("-6") { Description = "Resolve the host name to an IPv6 address only" };
    private static readonly Option<string> Order = new("--order", "-o") { Description = $"Columns of the report and live view by mtr's letters: L loss, D dropped, R received, S sent, N newest, B best, A average, W worst, V stdev, G geometric mean, J jitter, M jitter mean, X worst jitter; a space is a gap (default \"{MtrFields.DefaultOrder}\")", HelpName = "FIELDS" };
    private static readonly Option<bool> Csv = new("--csv") { Description = "After the rounds, one CSV row per hop (mtr --csv's columns plus loss_kind)" };

    /// <summary>More flows than this would only multiply the probes, not find more paths (routers hash into few next hops).</summary>
    private const int MaxFlows = 64;

    private const ushort DefaultTcpPort = 80;

    // traceroute's and mtr's first UDP port
    private const ushort DefaultUdpPort = 33434;

    private const double MaxAdaptiveTimeoutSeconds = 2.0;

    public static Command Create(CliOutput output)
    {
        var command = new Command("trace", "How good is the path, hop by hop (mtr): loss and latency per hop, and whether loss is real or rate limiting. Exit 1: the destination was not reached (the report says why)");
        command.Arguments.Add(Host);
        foreach (var option in new Option[] { Numeric, Count, Interval, Timeout, FirstTtl, MaxHops, Port, PacketSize, Udp, Icmp, Report, Mpls, Tcp, Flows, Csv, Wide, ShowIps, Ipv4, Ipv6, Order })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, _) => TraceHandler.RunAsync(Bind(parse), output));
        return command;
    }

    private static TraceOptions Bind(ParseResult parse)
    {
        var count = parse.GetValue(Count);
        var interval = parse.GetValue(Interval);
        // the adaptive timeout's ceiling when none is given
        var timeout = parse.GetValue(Timeout) ?? MaxAdaptiveTimeoutSeconds;
        var maxHops = parse.GetValue(MaxHops);
        var port = parse.GetValue(Port) ?? (parse.GetValue(Tcp) ? DefaultTcpPort : DefaultUdpPort);
        if (count < 1)
        {
            throw new UsageException($"--count must be at least 1, not {count}");
        }

        if (interval < 0 || timeout <= 0)
        {
            throw new UsageException("--interval must not be negative and --timeout must be positive");
        }

        if (maxHops is < 1 or > 255)
        {
            throw new UsageException($"--max-hops must be 1..255, not {maxHops}");
        }

        var firstTtl = parse.GetValue(FirstTtl);
        if (firstTtl < 1 || firstTtl > maxHops)
        {
            throw new UsageException($"--first-ttl must be 1..{maxHops} (--max-hops), not {firstTtl}");
        }

        var packetSize = parse.GetValue(PacketSize);
        if (packetSize is < 0)
        {
            throw new UsageException($"--psize {packetSize}: mtr's negative size (a random size each round) is not offered; give the size in bytes");
        }

        if (packetSize is { } size && (size < ProbeSize.Smallest(ipv6: false) || size > ProbeSize.Largest))
        {
            throw new UsageException($"--psize must be {ProbeSize.Smallest(ipv6: false)}..{ProbeSize.Largest} bytes (the whole IP packet), not {size}");
        }

        if (port is < 1 or > 65535)
        {
            throw new UsageException($"--port must be 1..65535, not {port}");
        }

        if (new[] { parse.GetValue(Udp), parse.GetValue(Icmp), parse.GetValue(Tcp) }.Count(chosen => chosen) > 1)
        {
            throw new UsageException("--udp, --icmp and --tcp exclude each other");
        }

        var flows = parse.GetValue(Flows);
        if (flows is < 1 or > MaxFlows)
        {
            throw new UsageException($"--flows must be 1..{MaxFlows}, not {flows}");
        }

        if (parse.GetValue(Csv) && parse.GetValue(GlobalOptions.Json))
        {
            throw new UsageException("--csv and --json exclude each other");
        }

        if (parse.GetValue(Ipv4) && parse.GetValue(Ipv6))
        {
            throw new UsageException("-4 and -6 exclude each other");
        }

        var fields = MtrFields.Default;
        if (parse.GetValue(Order) is { } order && !MtrFields.TryParse(order, out fields, out var unknown))
        {
            if (unknown == MtrFields.InterarrivalJitter)
            {
                throw new UsageException("--order: mtr's I (interarrival jitter, RFC 1889's smoothed jitter) is not offered; J, M and X give the newest, mean and worst jitter");
            }

            throw new UsageException($"--order has an unknown field letter '{unknown}' (mtr's letters: {MtrFields.Letters}, a space for a gap)");
        }

        return new TraceOptions
        {
            Host = parse.GetValue(Host)!,
            Numeric = parse.GetValue(Numeric),
            Count = count,
            Interval = TimeSpan.FromSeconds(interval),
            Timeout = TimeSpan.FromSeconds(timeout),
            MaxHops = maxHops,
            FirstTtl = firstTtl,
            PacketSize = packetSize,
            Port = (ushort)port,
            Icmp = parse.GetValue(Icmp),
            Udp = parse.GetValue(Udp),
            Report = parse.GetValue(Report) || parse.GetValue(Wide),
            Wide = parse.GetValue(Wide),
            ShowIps = parse.GetValue(ShowIps),
            Family = parse.GetValue(Ipv4) ? AddressFamily.InterNetwork : parse.GetValue(Ipv6) ? AddressFamily.InterNetworkV6 : null,
            Fields = fields,
            Mpls = parse.GetValue(Mpls),
            CountGiven = parse.GetResult(Count) is { Implicit: false },
            Tcp = parse.GetValue(Tcp),
            Flows = flows,
            Csv = parse.GetValue(Csv),
            AdaptiveTimeout = parse.GetValue(Timeout) is null,
            Json = parse.GetValue(GlobalOptions.Json),
            Verbose = parse.GetValue(GlobalOptions.Verbose),
            Netns = parse.GetValue(GlobalOptions.Netns),
        };
    }
}
