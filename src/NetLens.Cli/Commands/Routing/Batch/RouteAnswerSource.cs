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
    private const int MaxCachedLines = 4096;

    // An answer's words are a function of the matched route and the question's from/mark/uid; only the
    // destination differs, so ip's line is formatted once per shape and reused around each address.
    private readonly Dictionary<LineShape, (string Head, string Tail)> _shapes = new(new LineShapeComparer());

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
        var shape = new LineShape(result.MatchedRoute!, request.From, answer.Mark, answer.Uid);
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

    private readonly record struct LineShape(Route Matched, IPAddress? From, uint? Mark, uint? Uid);

    /// <summary>Routes by identity (a record's value equality walks every field).</summary>
    private sealed class LineShapeComparer : IEqualityComparer<LineShape>
    {
        public bool Equals(LineShape x, LineShape y) =>
            ReferenceEquals(x.Matched, y.Matched) && Equals(x.From, y.From) && x.Mark == y.Mark && x.Uid == y.Uid;

        public int GetHashCode(LineShape shape) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(shape.Matched), shape.From, shape.Mark, shape.Uid);
    }
}
