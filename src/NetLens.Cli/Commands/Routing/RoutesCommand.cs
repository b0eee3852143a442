using System.CommandLine;
using NetLens.Cli.Hosting;

namespace NetLens.Cli.Commands.Routing;

/// <summary>`netlens routes`: what routes exist, in every table, and who put them there.</summary>
public static class RoutesCommand
{
    private static readonly Option<bool> Ipv4 = new("-4") { Description = "IPv4 routes only" };
    private static readonly Option<bool> Ipv6 = new("-6") { Description = "IPv6 routes only" };

    private static readonly Option<string?> Table = new("--table", "-t")
    {
        Description = "Only this table (name or number), or 'all' (default: all; main for --format ip/route, as the classic tools)",
        HelpName = "TABLE",
    };

    private static readonly Option<string> Format = CreateFormat();

    private static readonly Option<bool> Wide = new("--wide", "-w")
    {
        Description = "On a terminal, every column and whole values, however wide (a pipe always gets them)",
    };

    private static readonly Option<bool> Check = new("--check")
    {
        Description = "Report what is wrong or surprising (hidden routes, policy detours, duplicate defaults…); exit 1 when something was found",
    };

    private static readonly Option<bool> Watch = new("--watch")
    {
        Description = "Follow route, rule and address changes live, one line per event, until interrupted",
    };

    private static readonly Option<int?> Count = new("--count")
    {
        Description = "With --watch: stop after N events (for scripts)",
        HelpName = "N",
    };

    private static readonly Option<string?> Save = new("--save")
    {
        Description = "Write rules, routes, links and addresses to FILE (a snapshot for --diff and 'route get --snapshot')",
        HelpName = "FILE",
    };

    private static readonly Option<string?> Diff = new("--diff")
    {
        Description = "Show what was added, removed or changed since the snapshot FILE (exit 0: no difference, 1: differences)",
        HelpName = "FILE",
    };

    private static Option<string> CreateFormat()
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "table (netlens, with Origin), ip (exactly `ip route`), route (exactly `route -n`)",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "ip", "route");
        return format;
    }

    public static Command Create(CliOutput output)
    {
        var command = new Command("routes", "What routes exist, in every table, and who put them there (Origin)");
        command.Options.Add(Ipv4);
        command.Options.Add(Ipv6);
        command.Options.Add(Table);
        command.Options.Add(Format);
        command.Options.Add(Wide);
        command.Options.Add(Check);
        command.Options.Add(Watch);
        command.Options.Add(Count);
        command.Options.Add(Save);
        command.Options.Add(Diff);
        command.SetAction((parse, _) => RoutesHandler.RunAsync(
            new RoutesOptions
            {
                Family = FamilyOptions.From(parse.GetValue(Ipv4), parse.GetValue(Ipv6)),
                Table = parse.GetValue(Table),
                Format = parse.GetValue(Format) switch
                {
                    "ip" => RoutesFormat.Ip,
                    "route" => RoutesFormat.Route,
                    _ => RoutesFormat.Table,
                },
                Json = parse.GetValue(GlobalOptions.Json),
                Verbose = parse.GetValue(GlobalOptions.Verbose),
                Netns = parse.GetValue(GlobalOptions.Netns),
                Wide = parse.GetValue(Wide),
                Check = parse.GetValue(Check),
                Watch = parse.GetValue(Watch),
                WatchCount = parse.GetValue(Count),
                SavePath = parse.GetValue(Save),
                DiffPath = parse.GetValue(Diff),
            },
            output));
        return command;
    }
}
