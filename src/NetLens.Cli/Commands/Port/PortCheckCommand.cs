using System.CommandLine;
using System.Net;
using NetLens.Cli.Hosting;
using NetLens.Core;
using NetLens.Engines.Context;
using NetLens.Linux.Namespaces;

namespace NetLens.Cli.Commands.Port;

/// <summary>`netlens port check SPEC`: would the firewall accept a new connection to this port, and which rule or policy decides.</summary>
public static class PortCheckCommand
{
    private static readonly Argument<string> Spec = new("spec") { Description = "PORT[/tcp|udp] or a service name (ssh, ssh/tcp)" };

    private static readonly Option<string?> From = new("--from") { Description = "The client's address (the packet's source)", HelpName = "ADDR" };

    private static readonly Option<string?> To = new("--to") { Description = "This host's address the client connects to (default: any of them)", HelpName = "ADDR" };

    private static readonly Option<string?> Iif = new("--iif") { Description = "The device the packet arrives on", HelpName = "DEV" };

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
        var command = new Command("check", "Would the firewall accept a new connection to this port, and which rule or policy decides? Exit 0 accepted, 1 not (or uncertain)");
        command.Arguments.Add(Spec);
        foreach (var option in new Option[] { From, To, Iif, Ruleset, ServicesFile })
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

        // a link-local client is known by its link: the zone (fe80::1%eth0) is the input device the packet comes in on
        if (fromText is not null && AddressZone.Resolve(fromText, NetworkContext.For(netns)) is { } zone)
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
