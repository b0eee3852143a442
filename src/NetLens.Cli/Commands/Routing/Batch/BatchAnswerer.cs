using System.Net;
using NetLens.Cli.Output.Routing;
using NetLens.Core.Routing.Lookup;

namespace NetLens.Cli.Commands.Routing.Batch;

/// <summary>
/// Answers every question of a batch, in order: <see cref="BatchRouteLookup"/> first; the questions it leaves out go to
/// <see cref="RouteLookupEngine"/>, and those the engine cannot reproduce to the kernel (<see cref="KernelAnswers"/>,
/// on its own thread, while the rest is answered). With no kernel (a snapshot file), those get an error line instead.
/// An answer line is the destination between words that depend only on the question's options and the matched
/// route's shape, so each (options, shape) pair is formatted once — by the engine, whose answer it checks.
/// </summary>
public sealed class BatchAnswerer(
    RouteLookupEngine engine, BatchRouteLookup fast, KernelAnswers? kernel, RouteWords words, uint callerUid, BatchQuestions questions)
{
    private const int BufferSize = 1 << 16;

    private int[][] _tailIds = [];
    private readonly List<string> _tails = [];
    private readonly List<string> _texts = [];
    private int[] _programs = [];
    private uint[] _uids = [];

    /// <summary>Questions answered in-process.</summary>
    public long InProcess { get; private set; }

    /// <summary>Questions the kernel was asked (or that could not be answered from a file).</summary>
    public long AskedKernel { get; private set; }

    /// <summary>Answers whose fast decision the engine did not confirm (the engine's answer is the one written).</summary>
    public long Disagreed { get; private set; }

    /// <summary>Writes one line per question: ip's first line of the answer, or "ADDR error: REASON".</summary>
    public void Write(TextWriter output)
    {
        var kinds = new Kind[questions.Count];
        var values = new int[questions.Count];
        Prepare();
        for (var i = 0; i < questions.Count; i++)
        {
            (kinds[i], values[i]) = Decide(questions[i]);
        }

        kernel?.Complete();
        var buffer = new char[BufferSize];
        var used = 0;
        for (var i = 0; i < questions.Count; i++)
        {
            ref readonly var question = ref questions[i];
            if (used > BufferSize - 512)
            {
                output.Write(buffer.AsSpan(0, used));
                used = 0;
            }

            switch (kinds[i])
            {
                case Kind.Tail:
                    used += WriteDestination(buffer.AsSpan(used), question);
                    used += Copy(_tails[values[i]], buffer, used, output);
                    break;
                case Kind.Error:
                    used += Copy(questions.AddressText(question), buffer, used, output);
                    used += Copy(" error: ", buffer, used, output);
                    used += Copy(LookupErrors.Describe(values[i]), buffer, used, output);
                    break;
                case Kind.Text:
                    used += Copy(_texts[values[i]], buffer, used, output);
                    break;
                case Kind.Kernel:
                    used += Copy(KernelLine(question, kernel!.Answer(values[i])), buffer, used, output);
                    break;
            }

            buffer[used++] = '\n';
        }

        output.Write(buffer.AsSpan(0, used));
    }

    /// <summary>Each option set's fast-path program (or -1) and the uid the kernel would use for it.</summary>
    private void Prepare()
    {
        _programs = new int[questions.Options.Count];
        _tailIds = new int[questions.Options.Count][];
        _uids = new uint[questions.Options.Count];
        for (var i = 0; i < _programs.Length; i++)
        {
            var options = questions.Options[i];
            _uids[i] = options.Uid ?? callerUid;
            _programs[i] = fast.Prepare(options, _uids[i]);
            _tailIds[i] = [];
        }
    }

    private (Kind, int) Decide(in BatchQuestion question)
    {
        var program = _programs[question.Options];
        var answer = program < 0 ? default : fast.Lookup(program, question.Address);
        if (program < 0 || answer.Verdict == BatchVerdict.Slow || (answer.Verdict == BatchVerdict.AskKernel && kernel is null))
        {
            return Slow(question);
        }

        switch (answer.Verdict)
        {
            case BatchVerdict.Refused:
                InProcess++;
                return (Kind.Error, answer.Value);
            case BatchVerdict.AskKernel:
                AskedKernel++;
                return (Kind.Kernel, kernel!.Ask(questions.Request(question)));
        }

        // Tail numbers + 1 by shape, per option set: 0 until that pair is first met.
        ref var tails = ref _tailIds[question.Options];
        if (answer.Value < tails.Length && tails[answer.Value] > 0)
        {
            InProcess++;
            return (Kind.Tail, tails[answer.Value] - 1);
        }

        // First of its shape: the engine answers it, and its words around the destination are kept if it agrees.
        var request = questions.Request(question);
        var result = engine.Lookup(request, _uids[question.Options]);
        if (result.Status != LookupStatus.Answered || fast.ShapeOf(result.MatchedRoute!) != answer.Value)
        {
            Disagreed++;
            return Engine(question, request, result);
        }

        InProcess++;
        var line = words.IpFirstLine(result.Answer!);
        var destination = request.Destination.ToString();
        if (!line.StartsWith(destination, StringComparison.Ordinal) || line.Length == destination.Length || line[destination.Length] != ' ')
        {
            return Text(line);
        }

        if (answer.Value >= tails.Length)
        {
            Array.Resize(ref tails, Math.Max(answer.Value + 1, tails.Length * 2));
        }

        _tails.Add(line[destination.Length..]);
        tails[answer.Value] = _tails.Count;
        return (Kind.Tail, _tails.Count - 1);
    }

    private (Kind, int) Slow(in BatchQuestion question)
    {
        var request = questions.Request(question);
        return Engine(question, request, engine.Lookup(request, _uids[question.Options]));
    }

    private (Kind, int) Engine(in BatchQuestion question, Core.Routing.RouteLookupRequest request, LookupResult result)
    {
        switch (result.Status)
        {
            case LookupStatus.Answered:
                InProcess++;
                return Text(words.IpFirstLine(result.Answer!));
            case LookupStatus.Refused:
                InProcess++;
                return (Kind.Error, result.Errno);
        }

        AskedKernel++;
        return kernel is null
            ? Text($"{questions.AddressText(question)} error: cannot be answered from a snapshot ({result.Reason})")
            : (Kind.Kernel, kernel.Ask(request));
    }

    private (Kind, int) Text(string line)
    {
        _texts.Add(line);
        return (Kind.Text, _texts.Count - 1);
    }

    private string KernelLine(in BatchQuestion question, Linux.Routing.RouteLookupOutcome outcome) =>
        outcome.Route is { } route ? words.IpFirstLine(route) : $"{questions.AddressText(question)} error: {outcome.Error ?? "no route"}";

    /// <summary>The destination as the answer prints it: the line's own text when that is already how it prints.</summary>
    private int WriteDestination(Span<char> target, in BatchQuestion question)
    {
        var text = questions.AddressText(question);
        if (question.Canonical)
        {
            text.CopyTo(target);
            return text.Length;
        }

        IPAddress.Parse(text).TryFormat(target, out var written);
        return written;
    }

    /// <summary>Copies <paramref name="text"/> at <paramref name="used"/>, flushing the buffer first when it does not fit.</summary>
    private static int Copy(ReadOnlySpan<char> text, char[] buffer, int used, TextWriter output)
    {
        if (text.Length <= buffer.Length - used - 1)
        {
            text.CopyTo(buffer.AsSpan(used));
            return text.Length;
        }

        // Longer than what is left (a long kernel answer): written straight through, after what is buffered.
        output.Write(buffer.AsSpan(0, used));
        output.Write(text);
        return -used;
    }

    private enum Kind : byte
    {
        Tail,
        Error,
        Text,
        Kernel,
    }
}
