using System.Net;
using NetLens.Cli.Output.Routing;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Lookup;
using NetLens.Core.Routing.Names;
using NetLens.Linux.Routing;

namespace NetLens.Cli.Commands.Routing.Batch;

/// <summary>
/// Answers questions in-process from one snapshot, and asks the kernel (over one kept-open socket) only for
/// those the engine cannot reproduce; with no socket (a snapshot file), those get an error line instead.
/// </summary>
public sealed class RouteAnswerSource(RouteLookupEngine engine, RouteNetlink? kernel, RouteWords words, uint callerUid)
{
    private const int MaxCachedLines = 1 << 16;

    // Answers through the same gateway, device, table and source print the same words around the
    // destination: ip's line is formatted once per shape and reused around each address.
    private readonly Dictionary<LineShape, (string Head, string Tail)> _shapes = [];

    /// <summary>Questions answered in-process.</summary>
    public long InProcess { get; private set; }

    /// <summary>Questions the kernel was asked (or that could not be answered from a file).</summary>
    public long AskedKernel { get; private set; }

    /// <summary>Writes ip's first line for the answer, or "ADDR error: REASON", and a newline.</summary>
    public void Write(TextWriter output, RouteLookupRequest request, ReadOnlySpan<char> addressText)
    {
        var result = engine.Lookup(request, request.Uid ?? callerUid);
        switch (result.Status)
        {
            case LookupStatus.Answered:
                InProcess++;
                WriteAnswer(output, request, result);
                return;
            case LookupStatus.Refused:
                InProcess++;
                WriteError(output, addressText, result.Error!);
                return;
        }

        AskedKernel++;
        if (kernel is null)
        {
            WriteError(output, addressText, $"cannot be answered from a snapshot ({result.Reason})");
            return;
        }

        var outcome = kernel.Lookup(request);
        if (outcome.Route is { } route)
        {
            output.Write(words.IpFirstLine(route));
            output.Write('\n');
        }
        else
        {
            WriteError(output, addressText, outcome.Error ?? "no route");
        }
    }

    private void WriteAnswer(TextWriter output, RouteLookupRequest request, LookupResult result)
    {
        var answer = result.Answer!;
        var shape = LineShape.Of(answer);
        if (!_shapes.TryGetValue(shape, out var parts))
        {
            var line = words.IpFirstLine(answer);
            var head = answer.Type == RouteType.Unicast ? string.Empty : IpNames.RouteTypeName(answer.Type) + " ";
            var destination = head + request.Destination;
            if (!line.StartsWith(destination, StringComparison.Ordinal) || (line.Length > destination.Length && line[destination.Length] != ' '))
            {
                output.Write(line);
                output.Write('\n');
                return;
            }

            parts = (head, line[destination.Length..]);
            if (_shapes.Count < MaxCachedLines)
            {
                _shapes.Add(shape, parts);
            }
        }

        Span<char> address = stackalloc char[64];
        request.Destination.TryFormat(address, out var written);
        output.Write(parts.Head);
        output.Write(address[..written]);
        output.Write(parts.Tail);
        output.Write('\n');
    }

    private static void WriteError(TextWriter output, ReadOnlySpan<char> addressText, string error)
    {
        output.Write(addressText);
        output.Write(" error: ");
        output.Write(error);
        output.Write('\n');
    }

    /// <summary>Every field of an answer that ip prints, except the destination (metrics by identity).</summary>
    private readonly record struct LineShape(
        RouteType Type,
        IPAddress? Gateway,
        int? Device,
        uint Table,
        IPAddress? PreferredSource,
        IPAddress? From,
        byte Tos,
        uint? Mark,
        uint? Uid,
        byte Protocol,
        uint? Metric,
        byte? Preference,
        RouteFlags Flags,
        IReadOnlyList<RouteMetric> Metrics)
    {
        public static LineShape Of(Route answer) => new(
            answer.Type, answer.Gateway, answer.OutputInterface, answer.Table, answer.PreferredSource, answer.Source?.Address,
            answer.Tos, answer.Mark, answer.Uid, answer.Protocol, answer.Priority, answer.Ipv6Preference, answer.Flags, answer.Metrics);
    }
}
