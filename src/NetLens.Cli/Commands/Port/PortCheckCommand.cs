using System.CommandLine;
using System.Net;
using NetLens.Cli.Hosting;
using NetLens.Core;
using NetLens.Core.Firewall.Evaluation;
using NetLens.Engines.Context;
using NetLens.Linux.Namespaces;

namespace NetLens.Cli.Commands.Port;

/// <summary>`netlens port check SPEC`: would the firewall accept a new connection to this port, and which rule or policy decides.</summary>
public static class PortCheckCommand
{
    private static readonly Argument<string> Spec = new("spec") { Description = "PORT[/tcp|udp], a service name (ssh, ssh/tcp), or icmp[/TYPE], icmpv6[/TYPE] (icmp/echo-request)" };

    private static readonly Option<string?> From = new("--from") { Description = "The packet's source (in: the client's address)", HelpName = "ADDR" };

    private static readonly Option<string?> To = new("--to") { Description = "The packet's destination (in: this host's address, default any of them)", HelpName = "ADDR" };

    private static readonly Option<string?> Iif = new("--iif") { Description = "The device the packet arrives on (in, forward)", HelpName = "DEV" };

    private static readonly Option<string?> Oif = new("--oif") { Description = "The device the packet leaves by (out, forward; default: the route to --to)", HelpName = "DEV" };

    private static readonly Option<string> Direction = new("--direction")
    {
        Description = "in: to this host (INPUT); out: sent by this host (OUTPUT); forward: routed through it (FORWARD)",
        DefaultValueFactory = _ => "in",
        HelpName = "in|out|forward",
    };

    private static readonly Option<string?> Ruleset = new("--ruleset")
    {
        Description = "Evaluate a saved ruleset (nft -j list ruleset output, or iptables-save text) instead of the live one",
        HelpName = "FILE",
    };

    private static readonly Option<string> ServicesFile = new("--services-file")
    {
        Description = "Where service names are looked up",
        DefaultValueFactory = _ => NetLens.Linux.Services.ServicesFile.SystemPath,
        HelpName = "PATH",
    };

    public static Command Create(CliOutput output)
    {
        var command = new Command("check", "Would the firewall accept a new connection to this port (in, out or forwarded), and which rule or policy decides? Exit 0 accepted, 1 not (or uncertain)");
        command.Arguments.Add(Spec);
        foreach (var option in new Option[] { Direction, From, To, Iif, Oif, Ruleset, ServicesFile })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, _) => PortCheckHandler.RunAsync(Bind(parse), output));
        return command;
    }

    private static PortCheckOptions Bind(ParseResult parse)
    {
        var fromText = parse.GetValue(From);
        var from = Address(fromText, "--from");
        var to = Address(parse.GetValue(To), "--to");
        var netns = parse.GetValue(GlobalOptions.Netns);
        var iif = parse.GetValue(Iif);
        var oif = parse.GetValue(Oif);
        var directionText = parse.GetValue(Direction)!;
        var direction = PacketDirectionWords.Parse(directionText) ?? throw new UsageException($"--direction {directionText}: say in, out or forward");
        if (direction == PacketDirection.Out && iif is not null)
        {
            throw new UsageException("--iif: a packet this host sends arrives on no device (give --oif, or --direction forward)");
        }

        if (direction == PacketDirection.In && oif is not null)
        {
            throw new UsageException("--oif: a packet to this host leaves by no device (give --direction out or forward)");
        }

        // a link-local client is known by its link: the zone (fe80::1%eth0) is the input device the packet comes in on
        if (fromText is not null && direction != PacketDirection.Out && AddressZone.Resolve(fromText, NetworkContext.For(netns)) is { } zone)
        {
            if (iif is not null && iif != zone.Name)
            {
                throw new UsageException($"--from {fromText} comes in on {zone.Name}, --iif says {iif}: give one");
            }

            iif = zone.Name;
            from = AddressZone.WithoutZone(from!);
        }

        if (from is not null && to is not null && from.AddressFamily != to.AddressFamily)
        {
            throw new UsageException($"--from {from} and --to {to} are of different families");
        }

        return new PortCheckOptions
        {
            Spec = parse.GetValue(Spec)!,
            From = from,
            To = to,
            InputInterface = iif,
            OutputInterface = oif,
            Direction = direction,
            RulesetFile = parse.GetValue(Ruleset),
            ServicesFile = parse.GetValue(ServicesFile)!,
            Json = parse.GetValue(GlobalOptions.Json),
            Verbose = parse.GetValue(GlobalOptions.Verbose),
            Netns = netns,
        };
    }

    private static IPAddress? Address(string? text, string option) =>
        text is null ? null
            : IPAddress.TryParse(text, out var address) ? address
            : throw new UsageException($"{option} {text} is not an IPv4 or IPv6 address");
}
