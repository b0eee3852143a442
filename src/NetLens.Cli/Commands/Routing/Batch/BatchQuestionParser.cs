using System.Net;
using NetLens.Cli.Parsing;
using NetLens.Core;
using NetLens.Core.Routing;

namespace NetLens.Cli.Commands.Routing.Batch;

/// <summary>
/// One `route get --batch` line: `ADDR [--from A] [--iif DEV] [--oif DEV] [--mark N] [--uid N] [--tos N]
/// [--ipproto P] [--sport N] [--dport N]` (ip's bare words `from`, `mark`… are accepted too). Options given on
/// the command line are every line's defaults.
/// </summary>
public sealed class BatchQuestionParser(RouteGetOptions defaults)
{
    private static readonly char[] Blanks = [' ', '\t', '\r'];

    /// <summary>True for lines that hold no question: blank, or a # comment.</summary>
    public static bool IsSkipped(string line)
    {
        var text = line.AsSpan().Trim();
        return text.IsEmpty || text[0] == '#';
    }

    /// <summary>The question on <paramref name="line"/>; throws <see cref="UsageException"/> naming what is wrong.</summary>
    public BatchQuestion Parse(string line)
    {
        var words = line.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
        var addressText = words[0];
        if (!IPAddress.TryParse(addressText, out var destination))
        {
            throw new UsageException($"\"{addressText}\" is not an IPv4 or IPv6 address");
        }

        var options = defaults;
        for (var i = 1; i < words.Length; i += 2)
        {
            var name = words[i].StartsWith("--", StringComparison.Ordinal) ? words[i][2..] : words[i];
            if (i + 1 >= words.Length)
            {
                throw new UsageException($"{words[i]} needs a value");
            }

            var value = words[i + 1];
            options = name switch
            {
                "from" => options with { From = value },
                "iif" => options with { InputInterface = value },
                "oif" => options with { OutputInterface = value },
                "mark" => options with { Mark = value },
                "uid" => options with { Uid = value },
                "tos" or "dsfield" => options with { Tos = value },
                "ipproto" => options with { IpProtocol = value },
                "sport" => options with { SourcePort = value },
                "dport" => options with { DestinationPort = value },
                _ => throw new UsageException($"unknown option \"{words[i]}\" (known: --from --iif --oif --mark --uid --tos --ipproto --sport --dport)"),
            };
        }

        return new BatchQuestion(addressText, ToRequest(options, destination));
    }

    /// <summary>The typed request, every value checked as route get checks it.</summary>
    public static RouteLookupRequest ToRequest(RouteGetOptions options, IPAddress destination)
    {
        IPAddress? from = null;
        if (options.From is { } fromText)
        {
            if (!IPAddress.TryParse(fromText, out from))
            {
                throw new UsageException($"--from \"{fromText}\" is not an address");
            }

            if (from.AddressFamily != destination.AddressFamily)
            {
                throw new UsageException($"--from {from} and {destination} are not of the same family");
            }
        }

        return new RouteLookupRequest
        {
            Destination = destination,
            From = from,
            InputInterface = options.InputInterface,
            OutputInterface = options.OutputInterface,
            Mark = options.Mark is { } mark ? NumberText.ParseUInt32(mark, "--mark") : null,
            Uid = options.Uid is { } uid ? NumberText.ParseUInt32(uid, "--uid") : null,
            Tos = options.Tos is { } tos ? NumberText.ParseByte(tos, "--tos") : null,
            IpProtocol = options.IpProtocol is { } proto ? IpProtocolText.Parse(proto) : null,
            SourcePort = options.SourcePort is { } sport ? NumberText.ParsePort(sport, "--sport") : null,
            DestinationPort = options.DestinationPort is { } dport ? NumberText.ParsePort(dport, "--dport") : null,
        };
    }
}

/// <summary>A parsed batch line: the address as written (for error lines) and the request.</summary>
public sealed record BatchQuestion(string AddressText, RouteLookupRequest Request);
