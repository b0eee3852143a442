using System.CommandLine;
using NetLens.Cli.Hosting;
using NetLens.Core;

namespace NetLens.Cli.Commands.Port;

/// <summary>`netlens port listen PORT[/PROTO]`: the far side of `port test`.</summary>
public static class PortListenCommand
{
    private static readonly Argument<string> Port = new("port") { Description = "PORT[/tcp|udp]; both protocols when none is given" };

    private static readonly Option<int?> Count = new("--count") { Description = "Stop after answering N connections or datagrams", HelpName = "N" };

    private static readonly Option<double?> Timeout = new("--timeout") { Description = "Stop after this many seconds", HelpName = "SECONDS" };

    public static Command Create(CliOutput output)
    {
        var command = new Command("listen", "Listen on a port and answer port test: accept TCP, answer UDP datagrams — until interrupted, --count or --timeout");
        command.Arguments.Add(Port);
        command.Options.Add(Count);
        command.Options.Add(Timeout);
        command.SetAction((parse, cancel) => PortListenHandler.RunAsync(Bind(parse), output, cancel));
        return command;
    }

    private static PortListenOptions Bind(ParseResult parse)
    {
        var (port, protocol) = PortTestTarget.ParsePort(parse.GetValue(Port)!);
        var count = parse.GetValue(Count);
        var timeout = parse.GetValue(Timeout);
        if (count is < 1)
        {
            throw new UsageException($"--count {count}: give 1 or more");
        }

        if (timeout is { } t && (t <= 0 || t > 86400 || double.IsNaN(t)))
        {
            throw new UsageException($"--timeout {t}: give seconds between 0 and 86400");
        }

        return new PortListenOptions
        {
            Port = port,
            Tcp = protocol is null or "tcp",
            Udp = protocol is null or "udp",
            Count = count,
            Timeout = timeout is { } s ? TimeSpan.FromSeconds(s) : null,
            Json = parse.GetValue(GlobalOptions.Json),
            Netns = parse.GetValue(GlobalOptions.Netns),
        };
    }
}
