using System.CommandLine;
using NetLens.Cli.Hosting;
using NetLens.Core;
using NetLens.Core.Doctor;

namespace NetLens.Cli.Commands.Doctor;

/// <summary>`netlens doctor DEST[:PORT][/PROTO]`: why this host can or cannot reach that one, step by step, with the fix.</summary>
public static class DoctorCommand
{
    private static readonly Argument<string> Destination = new("destination")
    {
        Description = "DEST[:PORT][/tcp|/udp|/icmp]: a name or an address ([2001:db8::1]:443 for IPv6 with a port); no port means ICMP echo",
    };

    private static readonly Option<string?> From = new("--from") { Description = "Source address of the packet, as route get takes it", HelpName = "ADDR" };
    private static readonly Option<string?> Iif = new("--iif") { Description = "Pretend the packet arrived on this interface (a forwarded packet)", HelpName = "DEV" };
    private static readonly Option<string?> Mark = new("--mark") { Description = "Firewall mark (fwmark) of the packet", HelpName = "MARK" };
    private static readonly Option<string?> Uid = new("--uid") { Description = "Socket owner uid (for uidrange rules)", HelpName = "UID" };
    private static readonly Option<string?> PeerNetns = new("--peer-netns")
    {
        Description = "The far side's network namespace (a name or a path): its firewall, listener, way back and rp_filter are read too",
        HelpName = "NAME|PATH",
    };

    private static readonly Option<bool> Fix = new("--fix")
    {
        Description = "Apply the firewall openings proposed (as port open: atomic, idempotent) and print the port close that undoes each; without it they are only printed",
    };

    private static readonly Option<double> Timeout = new("--timeout")
    {
        Description = "Seconds the port probe waits for an answer",
        DefaultValueFactory = _ => 2,
        HelpName = "SECONDS",
    };

    private static readonly Option<string> ServicesFile = new("--services-file")
    {
        Description = "Where service names are looked up",
        DefaultValueFactory = _ => NetLens.Linux.Services.ServicesFile.SystemPath,
        HelpName = "FILE",
    };

    public static Command Create(CliOutput output)
    {
        var command = new Command("doctor", "Why can't this host reach DEST (on PORT)? Steps from the route through the firewalls, the path and the far side, each with its evidence, then the verdict, the cause and the fix. Exit 0 reachable, 1 not reachable or degraded");
        command.Arguments.Add(Destination);
        foreach (var option in new Option[] { From, Iif, Mark, Uid, PeerNetns, Fix, Timeout, ServicesFile })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancel) => DoctorHandler.RunAsync(Bind(parse), output, cancel));
        return command;
    }

    private static DoctorOptions Bind(ParseResult parse)
    {
        var timeout = parse.GetValue(Timeout);
        if (timeout is <= 0 or > 600 || double.IsNaN(timeout))
        {
            throw new UsageException($"--timeout {timeout}: give seconds between 0 and 600");
        }

        if (parse.GetValue(PeerNetns) is "")
        {
            throw new UsageException("--peer-netns is empty: give a namespace name or path");
        }

        return new DoctorOptions
        {
            Spec = DoctorTargetSpec.Parse(parse.GetValue(Destination)!),
            From = parse.GetValue(From),
            InputInterface = parse.GetValue(Iif),
            Mark = parse.GetValue(Mark),
            Uid = parse.GetValue(Uid),
            PeerNetns = parse.GetValue(PeerNetns),
            Fix = parse.GetValue(Fix),
            TimeoutSeconds = timeout,
            ServicesFile = parse.GetValue(ServicesFile)!,
            Json = parse.GetValue(GlobalOptions.Json),
            Verbose = parse.GetValue(GlobalOptions.Verbose),
            Netns = parse.GetValue(GlobalOptions.Netns),
        };
    }
}
