using System.CommandLine;
using System.Net.Sockets;
using NetLens.Cli.Hosting;

namespace NetLens.Cli.Commands.Routing;

/// <summary>`netlens route get ADDR` and its short form `netlens route ADDR`: which way does a packet go.</summary>
public static class RouteCommand
{
    private static readonly Argument<string?> Target = new("ADDR")
    {
        Description = "Destination address or host name",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Argument<string?> OptionalTarget = new("ADDR")
    {
        Description = "Destination address or host name (same as 'route get ADDR')",
        Arity = ArgumentArity.ZeroOrOne,
        // shown once, under get: help would otherwise print "route [<ADDR>] get [<ADDR>]"
        Hidden = true,
    };

    private static readonly Option<string?> From = new("--from") { Description = "Source address of the packet", HelpName = "ADDR" };
    private static readonly Option<string?> Iif = new("--iif") { Description = "Pretend the packet arrived on this interface (forwarding lookup)", HelpName = "DEV" };
    private static readonly Option<string?> Oif = new("--oif") { Description = "Force the output interface", HelpName = "DEV" };
    private static readonly Option<string?> Mark = new("--mark") { Description = "Firewall mark (fwmark) of the packet", HelpName = "MARK" };
    private static readonly Option<string?> Uid = new("--uid") { Description = "Socket owner uid (for uidrange rules)", HelpName = "UID" };
    private static readonly Option<string?> Tos = new("--tos") { Description = "TOS / DS field", HelpName = "TOS" };
    private static readonly Option<string?> IpProto = new("--ipproto") { Description = "IP protocol (tcp, udp, icmp or a number)", HelpName = "PROTO" };
    private static readonly Option<string?> Sport = new("--sport") { Description = "Source port", HelpName = "PORT" };
    private static readonly Option<string?> Dport = new("--dport") { Description = "Destination port", HelpName = "PORT" };
    private static readonly Option<bool> Ipv4 = new("-4") { Description = "Resolve names to IPv4 only" };
    private static readonly Option<bool> Ipv6 = new("-6") { Description = "Resolve names to IPv6 only" };
    private static readonly Option<bool> Explain = new("--explain") { Description = "Show the whole decision: every rule in order, every covering route, why the winner won" };
    private static readonly Option<string?> Batch = new("--batch") { Description = "Answer one question per line of FILE ('-' for stdin): ADDR [--from … --mark …]; one answer line each", HelpName = "FILE" };
    private static readonly Option<string?> Snapshot = new("--snapshot") { Description = "Answer from a snapshot saved by 'netlens routes --save' instead of the kernel", HelpName = "FILE" };

    public static Command Create(CliOutput output)
    {
        var get = new Command("get", "Ask the kernel which route a packet to ADDR takes, and say why (exit 1: no route)");
        get.Arguments.Add(Target);
        AddOptions(get);
        get.SetAction((parse, _) => parse.GetValue(OptionalTarget) is { } before
            ? throw new Core.UsageException($"route {Core.InputText.Quote(before)} get: the address goes after 'get' (netlens route get ADDR, or netlens route ADDR)")
            : Dispatch(parse, parse.GetValue(Target), output, "route get"));

        var route = new Command("route", "Which way does a packet go? ('netlens route ADDR' is 'netlens route get ADDR')");
        route.Arguments.Add(OptionalTarget);
        AddOptions(route);
        route.Subcommands.Add(get);
        route.SetAction((parse, _) => Dispatch(parse, parse.GetValue(OptionalTarget), output, "route"));
        return route;
    }

    private static Task<int> Dispatch(ParseResult parse, string? target, CliOutput output, string name)
    {
        if (parse.GetValue(Batch) is { } batch)
        {
            if (target is not null)
            {
                throw new Core.UsageException($"{name}: give either ADDR or --batch FILE, not both");
            }

            return RouteBatchHandler.RunAsync(batch, Bind(parse, string.Empty), output);
        }

        if (target is null)
        {
            throw new Core.UsageException($"{name} needs an address: netlens route get ADDR (see 'netlens route --help')");
        }

        return RouteGetHandler.RunAsync(Bind(parse, target), output);
    }

    private static void AddOptions(Command command)
    {
        foreach (var option in new Option[] { From, Iif, Oif, Mark, Uid, Tos, IpProto, Sport, Dport, Ipv4, Ipv6, Explain, Batch, Snapshot })
        {
            command.Options.Add(option);
        }
    }

    private static RouteGetOptions Bind(ParseResult parse, string target) => new()
    {
        Target = target,
        Family = FamilyOptions.From(parse.GetValue(Ipv4), parse.GetValue(Ipv6)),
        From = parse.GetValue(From),
        InputInterface = parse.GetValue(Iif),
        OutputInterface = parse.GetValue(Oif),
        Mark = parse.GetValue(Mark),
        Uid = parse.GetValue(Uid),
        Tos = parse.GetValue(Tos),
        IpProtocol = parse.GetValue(IpProto),
        SourcePort = parse.GetValue(Sport),
        DestinationPort = parse.GetValue(Dport),
        Json = parse.GetValue(GlobalOptions.Json),
        Netns = parse.GetValue(GlobalOptions.Netns),
        Verbose = parse.GetValue(GlobalOptions.Verbose),
        Explain = parse.GetValue(Explain),
        SnapshotPath = parse.GetValue(Snapshot),
    };
}

/// <summary>-4 / -6 as one value.</summary>
public static class FamilyOptions
{
    public static AddressFamily? From(bool ipv4, bool ipv6) => (ipv4, ipv6) switch
    {
        (true, true) => throw new Core.UsageException("-4 and -6 exclude each other"),
        (true, false) => AddressFamily.InterNetwork,
        (false, true) => AddressFamily.InterNetworkV6,
        _ => null,
    };
}
