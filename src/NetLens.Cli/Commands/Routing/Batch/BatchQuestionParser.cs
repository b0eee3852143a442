using System.Net;
using NetLens.Cli.Parsing;
using NetLens.Core;
using NetLens.Core.Routing;
using NetLens.Engines.Routing.Batch;

namespace NetLens.Cli.Commands.Routing.Batch;

/// <summary>
/// One `route get --batch` line: `ADDR [--from A] [--iif DEV] [--oif DEV] [--mark N] [--uid N] [--tos N]
/// [--ipproto P] [--sport N] [--dport N]` (ip's bare words `from`, `mark`… are accepted too). Options given on
/// the command line are every line's defaults.
/// </summary>
public sealed class BatchQuestionParser(RouteGetOptions defaults) : IBatchLineParser
{
    private readonly RouteLookupRequest? _plain = defaults.From is null ? ToRequest(defaults, IPAddress.Any) : null;

    /// <summary>The address as written on a question line (for "ADDR error: …" answers).</summary>
    public static ReadOnlySpan<char> AddressText(ReadOnlySpan<char> line)
    {
        var text = line.TrimStart();
        var end = text.IndexOfAny(' ', '\t', '\r');
        return end < 0 ? text : text[..end];
    }

    /// <summary>The question on <paramref name="line"/>; throws <see cref="UsageException"/> naming what is wrong.</summary>
    public RouteLookupRequest Parse(ReadOnlySpan<char> line)
    {
        var address = AddressText(line);
        if (!IPAddress.TryParse(address, out var destination))
        {
            throw new UsageException($"{InputText.Quote(address)} is not an IPv4 or IPv6 address");
        }

        var rest = line.TrimStart()[address.Length..].Trim();
        if (rest.IsEmpty && _plain is not null)
        {
            // The common line, a bare address: no option text to parse again.
            return _plain with { Destination = destination };
        }

        // Straight into locals: a record copy per option word costs more than the whole lookup.
        var from = defaults.From;
        var iif = defaults.InputInterface;
        var oif = defaults.OutputInterface;
        var mark = defaults.Mark;
        var uid = defaults.Uid;
        var tos = defaults.Tos;
        var proto = defaults.IpProtocol;
        var sport = defaults.SourcePort;
        var dport = defaults.DestinationPort;
        while (!rest.IsEmpty)
        {
            var word = NextWord(ref rest);
            var name = word.StartsWith("--") ? word[2..] : word;
            if (rest.IsEmpty)
            {
                throw new UsageException($"{word} needs a value");
            }

            var value = NextWord(ref rest).ToString();
            switch (name)
            {
                case "from": from = value; break;
                case "iif": iif = value; break;
                case "oif": oif = value; break;
                case "mark": mark = value; break;
                case "uid": uid = value; break;
                case "tos" or "dsfield": tos = value; break;
                case "ipproto": proto = value; break;
                case "sport": sport = value; break;
                case "dport": dport = value; break;
                default: throw new UsageException($"unknown option \"{word}\" (known: --from --iif --oif --mark --uid --tos --ipproto --sport --dport)");
            }
        }

        return ToRequest(destination, from, iif, oif, mark, uid, tos, proto, sport, dport);
    }

    /// <summary>The next blank-separated word of <paramref name="rest"/>, which is left trimmed after it.</summary>
    private static ReadOnlySpan<char> NextWord(ref ReadOnlySpan<char> rest)
    {
        var end = rest.IndexOfAny(' ', '\t', '\r');
        var word = end < 0 ? rest : rest[..end];
        rest = end < 0 ? [] : rest[end..].TrimStart();
        return word;
    }

    /// <summary>The typed request, every value checked as route get checks it.</summary>
    public static RouteLookupRequest ToRequest(RouteGetOptions options, IPAddress destination) =>
        ToRequest(destination, options.From, options.InputInterface, options.OutputInterface, options.Mark, options.Uid, options.Tos, options.IpProtocol, options.SourcePort, options.DestinationPort);

    private static RouteLookupRequest ToRequest(
        IPAddress destination, string? fromText, string? iif, string? oif, string? mark, string? uid, string? tos, string? proto, string? sport, string? dport)
    {
        IPAddress? from = null;
        if (fromText is not null)
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
            InputInterface = iif,
            OutputInterface = oif,
            Mark = mark is null ? null : NumberText.ParseUInt32(mark, "--mark"),
            Uid = uid is null ? null : NumberText.ParseUInt32(uid, "--uid"),
            Tos = tos is null ? null : NumberText.ParseByte(tos, "--tos"),
            IpProtocol = proto is null ? null : IpProtocolText.Parse(proto),
            SourcePort = sport is null ? null : NumberText.ParsePort(sport, "--sport"),
            DestinationPort = dport is null ? null : NumberText.ParsePort(dport, "--dport"),
        };
    }
}
