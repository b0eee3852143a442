using System.CommandLine;
using NetLens.Cli.Hosting;
using NetLens.Core;

namespace NetLens.Cli.Commands.Port;

/// <summary>`netlens port test HOST:PORT[/PROTO]`: prove from here that the port answers.</summary>
public static class PortTestCommand
{
    private static readonly Argument<string> Target = new("target") { Description = "HOST:PORT[/tcp|udp] ([2001:db8::1]:53/udp); TCP when no protocol is given" };

    private static readonly Option<double> Timeout = new("--timeout")
    {
        Description = "Seconds to wait for an answer (UDP: spread over the attempts)",
        DefaultValueFactory = _ => 3,
        HelpName = "SECONDS",
    };

    private static readonly Option<int> Attempts = new("--attempts")
    {
        Description = "UDP datagrams to send before calling the port open|filtered",
        DefaultValueFactory = _ => 3,
        HelpName = "N",
    };

    private static readonly Option<string?> PeerNetns = new("--peer-netns")
    {
        Description = "The far side's network namespace (a name or a path): a port held by a kernel tunnel (vxlan) is then proved by a frame through the tunnel that the peer's device catches",
        HelpName = "NAME|PATH",
    };

    public static Command Create(CliOutput output)
    {
        var command = new Command("test", "Prove from here that a port answers: TCP connect, or a UDP datagram answered (port listen) or refused (ICMP). Exit 0 open, 1 not");
        command.Arguments.Add(Target);
        command.Options.Add(Timeout);
        command.Options.Add(Attempts);
        command.Options.Add(PeerNetns);
        command.SetAction((parse, cancel) => PortTestHandler.RunAsync(Bind(parse), output, cancel));
        return command;
    }

    private static PortTestOptions Bind(ParseResult parse)
    {
        var (host, port, protocol) = PortTestTarget.ParseEndpoint(parse.GetValue(Target)!);
        var timeout = parse.GetValue(Timeout);
        var attempts = parse.GetValue(Attempts);
        if (timeout is <= 0 or > 3600 || double.IsNaN(timeout))
        {
            throw new UsageException($"--timeout {timeout}: give seconds between 0 and 3600");
        }

        if (attempts is < 1 or > 100)
        {
            throw new UsageException($"--attempts {attempts}: give 1 to 100");
        }

        if (parse.GetValue(PeerNetns) is "")
        {
            throw new UsageException("--peer-netns is empty: give a namespace name or path");
        }

        return new PortTestOptions
        {
            Host = host,
            Address = PortTestTarget.Resolve(host),
            Port = port,
            Protocol = protocol ?? "tcp",
            Timeout = TimeSpan.FromSeconds(timeout),
            Attempts = attempts,
            Json = parse.GetValue(GlobalOptions.Json),
            Verbose = parse.GetValue(GlobalOptions.Verbose),
            Netns = parse.GetValue(GlobalOptions.Netns),
            PeerNetns = parse.GetValue(PeerNetns),
        };
    }
}
