using System.CommandLine;
using NetLens.Cli.Hosting;
using NetLens.Core;
using NetLens.Core.Firewall.Planning;
using NetLens.Core.Firewall.Rulesets;

namespace NetLens.Cli.Commands.Port;

/// <summary>The options `port open` and `port close` share, and their binding: close takes what open took, to find the same rules.</summary>
internal static class PortChangeCommand
{
    private static readonly Argument<string> Spec = new("SPEC")
    {
        Description = "8472/udp, 8472 (protocol from the services file), a service name, 80,443/tcp or 10000-10999/tcp, or icmp[/TYPE] / icmpv6[/TYPE] (icmp/echo-request)",
    };

    private static readonly Option<string?> From = new("--from") { Description = "Accept input from this address or CIDR only", HelpName = "ADDR|CIDR" };

    private static readonly Option<string?> Peer = new("--peer") { Description = "The other host: this host's rules name it, and its half of the plan is printed", HelpName = "ADDR" };

    private static readonly Option<string> Direction = new("--direction")
    {
        Description = "in: traffic to this host's port; out: traffic from here to the port; both: as the sheet does for two hosts",
        DefaultValueFactory = _ => "in",
        HelpName = "in|out|both",
    };

    private static readonly Option<string?> Name = new("--name") { Description = "Name the port in the services file (open adds the line once, close removes it)", HelpName = "NAME" };

    private static readonly Option<string> ServicesFile = new("--services-file")
    {
        Description = "The services file to read and edit",
        DefaultValueFactory = _ => NetLens.Linux.Services.ServicesFile.SystemPath,
        HelpName = "PATH",
    };

    private static readonly Option<string> Backend = new("--backend")
    {
        Description = "auto: every backend whose chains could drop the packet; nftables or iptables: that one only",
        DefaultValueFactory = _ => "auto",
        HelpName = "auto|nftables|iptables",
    };

    private static readonly Option<bool> Persist = new("--persist") { Description = "Also write the ruleset where boot loads it (/etc/nftables.conf, /etc/iptables/rules.v4|v6), after a backup" };

    private static readonly Option<string> PersistRoot = new("--persist-root")
    {
        Description = "Directory the persist paths are taken under (default /; for tests and images)",
        DefaultValueFactory = _ => "/",
        HelpName = "DIR",
    };

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Print the exact change (rules, transactions, services line) and change nothing" };

    public static void AddTo(Command command)
    {
        command.Arguments.Add(Spec);
        foreach (var option in new Option[] { From, Peer, Direction, Name, ServicesFile, Backend, Persist, PersistRoot, DryRun })
        {
            command.Options.Add(option);
        }
    }

    public static PortChangeOptions Bind(ParseResult parse) => new()
    {
        Spec = parse.GetValue(Spec) ?? string.Empty,
        From = parse.GetValue(From),
        Peer = parse.GetValue(Peer),
        Direction = parse.GetValue(Direction) switch
        {
            "in" => PortDirection.In,
            "out" => PortDirection.Out,
            "both" => PortDirection.Both,
            var other => throw new UsageException($"--direction {other}: say in, out or both"),
        },
        Name = parse.GetValue(Name),
        ServicesFile = parse.GetValue(ServicesFile) ?? NetLens.Linux.Services.ServicesFile.SystemPath,
        Backend = parse.GetValue(Backend) switch
        {
            "auto" => BackendChoice.Auto,
            "nftables" or "nft" => BackendChoice.Nftables,
            "iptables" => BackendChoice.Iptables,
            var other => throw new UsageException($"--backend {other}: say auto, nftables or iptables"),
        },
        Persist = parse.GetValue(Persist),
        PersistRoot = parse.GetValue(PersistRoot) ?? "/",
        DryRun = parse.GetValue(DryRun),
        Json = parse.GetValue(GlobalOptions.Json),
        Verbose = parse.GetValue(GlobalOptions.Verbose),
        Netns = parse.GetValue(GlobalOptions.Netns),
    };
}
