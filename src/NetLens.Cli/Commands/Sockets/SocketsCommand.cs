using System.CommandLine;
using System.Net.Sockets;
using NetLens.Cli.Hosting;
using NetLens.Core.Sockets;

namespace NetLens.Cli.Commands.Sockets;

/// <summary>`netlens sockets`: ss's listing and summary with every figure counted for real, plus what ss does not say.</summary>
public static class SocketsCommand
{
    private static readonly Option<bool> Tcp = new("--tcp", "-t") { Description = "TCP sockets" };
    private static readonly Option<bool> Udp = new("--udp", "-u") { Description = "UDP sockets" };
    private static readonly Option<bool> Raw = new("--raw", "-w") { Description = "Raw sockets" };
    private static readonly Option<bool> Unix = new("--unix", "-x") { Description = "Unix domain sockets" };
    private static readonly Option<bool> Packet = new("--packet", "-0") { Description = "Packet sockets (AF_PACKET)" };
    private static readonly Option<bool> Netlink = new("--netlink") { Description = "Netlink sockets" };
    private static readonly Option<string[]> Query = new("--query", "-A")
    {
        Description = "Socket kinds as ss -A takes them: all, inet, tcp, udp, raw, unix, packet, netlink (comma-separated)",
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<bool> Listening = new("--listening", "-l") { Description = "Only listening (and unconnected datagram) sockets" };
    private static readonly Option<bool> All = new("--all", "-a") { Description = "Sockets in every state" };

    // ss's -n; the global -n (--netns) stays reachable as --netns here
    private static readonly Option<bool> Numeric = new("--numeric", "-n") { Description = "Ports as numbers, not service names" };
    private static readonly Option<bool> Resolve = new("--resolve", "-r") { Description = "Host names for addresses (/etc/hosts, reverse DNS), asked inside the namespace listed" };
    private static readonly Option<bool> Processes = new("--processes", "-p") { Description = "The processes holding each socket" };
    private static readonly Option<bool> Extended = new("--extended", "-e") { Description = "uid, inode and socket cookie" };
    private static readonly Option<bool> Timers = new("--options", "-o") { Description = "Kernel timers: timer:(keepalive|on|persist|timewait,TIME LEFT,RETRANSMITS)" };
    private static readonly Option<bool> Info = new("--info", "-i") { Description = "TCP internals: rtt, cwnd, retransmits… (tcp_info)" };
    private static readonly Option<bool> Memory = new("--memory", "-m") { Description = "Socket memory (skmem)" };
    private static readonly Option<bool> Ipv4 = new("--ipv4", "-4") { Description = "IPv4 sockets only" };
    private static readonly Option<bool> Ipv6 = new("--ipv6", "-6") { Description = "IPv6 sockets only" };
    private static readonly Option<bool> NoHeader = new("--no-header", "-H") { Description = "No header line (for scripts)" };
    private static readonly Option<bool> OneLine = new("--oneline", "-O") { Description = "Each socket on one line (-e/-i/-m/-o/-p extras included)" };
    private static readonly Option<bool> Kill = new("--kill", "-K")
    {
        Description = "Close the TCP/UDP sockets that match (as ss -K: SOCK_DESTROY, needs root; like ss, no filter closes every connected one) and list them",
    };

    private static readonly Option<bool> Events = new("--events", "-E") { Description = "Stream TCP/UDP sockets as they are destroyed (as ss -E; needs root) until Ctrl-C" };
    private static readonly Option<bool> Summary = new("--summary", "-s") { Description = "ss -s's summary, every figure counted for real, and findings" };

    private static readonly Option<bool> Check = new("--check")
    {
        Description = "Report trouble ss does not name (ephemeral ports, TIME-WAIT piles, listen overflows, orphans, exposed local services); exit 1 when something was found",
    };

    private static readonly Argument<string[]> Filter = new("filter")
    {
        Description = "ss's filter: [state STATE|exclude STATE]… [sport|dport OP :PORT|:SERVICE] [src|dst PREFIX[:PORT]] joined by and/or/not",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Command Create(CliOutput output)
    {
        var command = new Command("sockets", "What sockets are open (ss), the ss -s summary with real figures, and findings");
        command.Options.Add(Query);
        foreach (var option in new[] { Tcp, Udp, Raw, Unix, Packet, Netlink, Listening, All, Numeric, Resolve, Processes, Extended, Timers, Info, Memory, Ipv4, Ipv6, NoHeader, OneLine, Kill, Events, Summary, Check })
        {
            command.Options.Add(option);
        }

        command.Arguments.Add(Filter);
        command.SetAction((parse, _) =>
        {
            var query = SocketQuery.Parse(parse.GetValue(Query) ?? []);
            return SocketsHandler.RunAsync(
            new SocketsOptions
            {
                Tcp = parse.GetValue(Tcp) || query.Contains(SocketKind.Tcp),
                Udp = parse.GetValue(Udp) || query.Contains(SocketKind.Udp),
                Raw = parse.GetValue(Raw) || query.Contains(SocketKind.Raw),
                Unix = parse.GetValue(Unix) || query.Contains(SocketKind.UnixStream),
                Packet = parse.GetValue(Packet) || query.Contains(SocketKind.PacketRaw),
                Netlink = parse.GetValue(Netlink) || query.Contains(SocketKind.Netlink),
                Listening = parse.GetValue(Listening),
                All = parse.GetValue(All),
                Numeric = parse.GetValue(Numeric),
                Resolve = parse.GetValue(Resolve),
                Processes = parse.GetValue(Processes),
                Extended = parse.GetValue(Extended),
                Timers = parse.GetValue(Timers),
                Info = parse.GetValue(Info),
                Memory = parse.GetValue(Memory),
                Family = parse.GetValue(Ipv4) == parse.GetValue(Ipv6) ? null : parse.GetValue(Ipv4) ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6,
                NoHeader = parse.GetValue(NoHeader),
                OneLine = parse.GetValue(OneLine),
                Kill = parse.GetValue(Kill),
                Events = parse.GetValue(Events),
                Summary = parse.GetValue(Summary),
                Check = parse.GetValue(Check),
                Json = parse.GetValue(GlobalOptions.Json),
                Verbose = parse.GetValue(GlobalOptions.Verbose),
                Netns = parse.GetValue(GlobalOptions.Netns),
                Filter = SocketFilterParser.Parse(parse.GetValue(Filter) ?? [], FilterServicePorts.Find),
            },
            output);
        });
        return command;
    }
}
