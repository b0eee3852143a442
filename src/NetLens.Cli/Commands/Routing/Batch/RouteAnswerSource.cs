using NetLens.Cli.Output.Routing;
using NetLens.Core.Routing.Lookup;
using NetLens.Linux.Routing;

namespace NetLens.Cli.Commands.Routing.Batch;

/// <summary>
/// Answers questions in-process from one snapshot, and asks the kernel (over one kept-open socket) only for
/// those the engine cannot reproduce; with no socket (a snapshot file), those get an error line instead.
/// </summary>
public sealed class RouteAnswerSource(RouteLookupEngine engine, RouteNetlink? kernel, RouteWords words, uint callerUid)
{
    /// <summary>Questions answered in-process.</summary>
    public long InProcess { get; private set; }

    /// <summary>Questions the kernel was asked (or that could not be answered from a file).</summary>
    public long AskedKernel { get; private set; }

    /// <summary>ip's first line for the answer, or "ADDR error: REASON".</summary>
    public string Answer(BatchQuestion question)
    {
        var request = question.Request;
        var result = engine.Lookup(request, request.Uid ?? callerUid);
        switch (result.Status)
        {
            case LookupStatus.Answered:
                InProcess++;
                return words.IpFirstLine(result.Answer!);
            case LookupStatus.Refused:
                InProcess++;
                return $"{question.AddressText} error: {result.Error}";
        }

        AskedKernel++;
        if (kernel is null)
        {
            return $"{question.AddressText} error: cannot be answered from a snapshot ({result.Reason})";
        }

        var outcome = kernel.Lookup(request);
        return outcome.Route is { } route ? words.IpFirstLine(route) : $"{question.AddressText} error: {outcome.Error}";
    }
}
