using System.Text;
using NetLens.Core.Routing.Lookup;

namespace NetLens.Engines.Routing.Batch;

/// <summary>
/// Answers every question of a batch, in order: <see cref="BatchRouteLookup"/> first; the questions it leaves out go to
/// <see cref="RouteLookupEngine"/>, and those the engine cannot reproduce to the kernel (<see cref="KernelAnswers"/>,
/// on its own thread, while the rest is answered). With no kernel (a snapshot file), those get an error line instead.
/// An answer line is the destination between words that depend only on the question's options and the matched
/// route's shape, so each (options, shape) pair is formatted once — by the engine, whose answer it checks.
/// </summary>
public sealed class BatchAnswerer(
    RouteLookupEngine engine, BatchRouteLookup fast, KernelAnswers? kernel, IRouteLineFormat words, uint callerUid, BatchQuestions questions, BatchInput input)
{
    // A kind byte's top bit: the line's address is not written as answers print it.
    private const byte NotCanonical = 0x80;

    private readonly object _sync = new();
    private byte[] _kinds = [];
    private int[] _values = [];
    private int[][] _tailIds = [];
    private readonly List<byte[]> _tails = [];
    private readonly List<byte[]> _texts = [];
    private readonly Dictionary<int, byte[]> _errorWords = [];
    private int[] _programs = [];
    private uint[] _uids = [];

    /// <summary>When every question was decided (since reading the batch began).</summary>
    public TimeSpan Decided { get; private set; }

    /// <summary>When the last kernel answer was in (since reading the batch began).</summary>
    public TimeSpan KernelAnswered { get; private set; }

    /// <summary>Questions answered in-process.</summary>
    public long InProcess { get; private set; }

    /// <summary>Questions the kernel was asked (or that could not be answered from a file).</summary>
    public long AskedKernel { get; private set; }

    /// <summary>Answers whose fast decision the engine did not confirm (the engine's answer is the one written).</summary>
    public long Disagreed { get; private set; }

    /// <summary>
    /// Writes one line per question: ip's first line of the answer, or "ADDR error: REASON". Two passes: decide every
    /// question (queuing the kernel's), then write every answer; between them a line keeps only its verdict kind and
    /// one number. A big batch uses two threads for both: each decides half the lines (what is decided for the first
    /// time under a lock, nearly every question without one); then they format alternate runs of lines, this thread
    /// writing its own runs straight out and the other's from memory, in order. Cancelled, this thread stops deciding
    /// or between runs; the lines written stay written.
    /// </summary>
    public void Write(Stream output, CancellationToken cancellation)
    {
        const int ParallelFrom = 1 << 16;
        _kinds = new byte[questions.LineCount];
        _values = new int[questions.LineCount];
        Prepare();
        var lines = questions.LineCount;
        using var sink = new AnswerSink(output);
        if (lines < ParallelFrom || Environment.ProcessorCount < 2)
        {
            DecideRange(0, lines, cancellation);
            AllDecided();
            for (var from = 0; from < lines; from += ParallelFrom)
            {
                cancellation.ThrowIfCancellationRequested();
                WriteRange(sink, from, Math.Min(lines, from + ParallelFrom));
            }

            return;
        }

        var middle = lines / 2;
        var secondDecided = new ManualResetEventSlim();
        var firstDecided = new ManualResetEventSlim();
        var runs = new FormattedRuns(lines);
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        var second = new Thread(() =>
        {
            try
            {
                DecideRange(middle, lines, CancellationToken.None);
                secondDecided.Set();

                // The tables of answer words grow while lines are decided: formatting starts once both halves are.
                firstDecided.Wait();
                for (var run = 1; run < runs.Count && runs.WaitForRoom(run); run += 2)
                {
                    var buffer = runs.Take();
                    using (var memory = new AnswerSink(buffer))
                    {
                        WriteRange(memory, runs.First(run), runs.End(run));
                    }

                    runs.Finished(run, buffer);
                }
            }
            catch (Exception e)
            {
                failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                runs.Fail();
            }
            finally
            {
                secondDecided.Set();
            }
        })
        { IsBackground = true, Name = "netlens batch half" };
        second.Start();
        try
        {
            DecideRange(0, middle, cancellation);
            secondDecided.Wait(CancellationToken.None);
            failure?.Throw();
            AllDecided();
        }
        catch
        {
            // Stopped before writing: the other thread must not wait for room that never comes.
            runs.Fail();
            throw;
        }
        finally
        {
            firstDecided.Set();
        }

        try
        {
            for (var run = 0; run < runs.Count; run++)
            {
                cancellation.ThrowIfCancellationRequested();
                if (run % 2 == 0)
                {
                    WriteRange(sink, runs.First(run), runs.End(run));
                }
                else if (runs.WaitFor(run) is { } formatted)
                {
                    sink.Write(formatted.GetBuffer().AsSpan(0, (int)formatted.Length));
                    runs.Written(run, formatted);
                }
                else
                {
                    break;
                }
            }
        }
        finally
        {
            // A broken pipe here must not leave the other thread waiting for room.
            runs.Fail();
        }

        second.Join();
        failure?.Throw();
    }

    private void AllDecided()
    {
        Decided = input.Elapsed;
        kernel?.Complete();
        if (kernel is not null && AskedKernel > 0)
        {
            kernel.Answer((int)AskedKernel - 1);
        }

        KernelAnswered = input.Elapsed;
    }

    private void DecideRange(int from, int to, CancellationToken cancellation)
    {
        const int CheckEvery = 1 << 16;
        long settled = 0;
        for (var index = from; index < to; index++)
        {
            if (index % CheckEvery == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }

            var options = questions.OptionsOf(index);
            if (options != BatchQuestions.Skipped)
            {
                var address = questions.AddressOf(index);
                (var kind, _values[index]) = Decide(options, address, ref settled);
                _kinds[index] = (byte)((byte)kind | (address.Canonical ? 0 : NotCanonical));
            }
        }

        lock (_sync)
        {
            InProcess += settled;
        }
    }

    private void WriteRange(AnswerSink sink, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (questions.OptionsOf(i) == BatchQuestions.Skipped)
            {
                continue;
            }

            var address = questions.AddressTextOf(i);
            var value = _values[i];
            switch ((Kind)(_kinds[i] & ~NotCanonical))
            {
                case Kind.Tail:
                    WriteDestination(sink, address, (_kinds[i] & NotCanonical) == 0 ? null : questions.AddressOf(i));
                    sink.Write(_tails[value]);
                    break;
                case Kind.Error:
                    sink.Write(address);
                    sink.Write(" error: "u8);
                    sink.Write(ErrorWords(value));
                    break;
                case Kind.Text:
                    sink.Write(_texts[value]);
                    break;
                case Kind.Kernel:
                    sink.Write(KernelLine(address, kernel!.Answer(value)));
                    break;
            }

            sink.Write("\n"u8);
        }
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

    /// <summary>A question's verdict: without a lock when it is a refusal or a shape met before (counted in <paramref name="settled"/>).</summary>
    private (Kind, int) Decide(int options, in BatchAddress address, ref long settled)
    {
        var program = _programs[options];
        var answer = program < 0 ? default : fast.Lookup(program, address.Bits);
        if (program >= 0 && answer.Verdict == BatchVerdict.Refused)
        {
            settled++;
            return (Kind.Error, answer.Value);
        }

        if (program >= 0 && answer.Verdict == BatchVerdict.Answered)
        {
            var known = Volatile.Read(ref _tailIds[options]);
            if (answer.Value < known.Length && Volatile.Read(ref known[answer.Value]) is var id and > 0)
            {
                settled++;
                return (Kind.Tail, id - 1);
            }
        }

        lock (_sync)
        {
            return DecideFirst(options, address, program, answer);
        }
    }

    /// <summary>Everything but a known shape or a refusal (under the lock): the engine, the kernel, a new shape's words.</summary>
    private (Kind, int) DecideFirst(int options, in BatchAddress address, int program, BatchAnswer answer)
    {
        if (program < 0 || answer.Verdict == BatchVerdict.Slow || (answer.Verdict == BatchVerdict.AskKernel && kernel is null))
        {
            return Slow(options, address);
        }

        if (answer.Verdict == BatchVerdict.AskKernel)
        {
            AskedKernel++;
            return (Kind.Kernel, kernel!.Ask(questions.Request(options, address)));
        }

        // Tail numbers + 1 by shape, per option set: 0 until that pair is first met (or met by the other thread).
        ref var tails = ref _tailIds[options];
        if (answer.Value < tails.Length && tails[answer.Value] > 0)
        {
            InProcess++;
            return (Kind.Tail, tails[answer.Value] - 1);
        }

        // First of its shape: the engine answers it, and its words around the destination are kept if it agrees.
        var request = questions.Request(options, address);
        var result = engine.Lookup(request, _uids[options]);
        if (result.Status != LookupStatus.Answered || fast.ShapeOf(result.MatchedRoute!) != answer.Value)
        {
            Disagreed++;
            return Engine(request, result);
        }

        InProcess++;
        var line = FirstLine(result.Answer!);
        var destination = request.Destination.ToString();
        if (!line.StartsWith(destination, StringComparison.Ordinal) || line.Length == destination.Length || line[destination.Length] != ' ')
        {
            return Text(line);
        }

        if (answer.Value >= tails.Length)
        {
            // A new array, filled, then published: a reader without the lock sees the old one or this one, whole.
            var grown = new int[Math.Max(answer.Value + 1, tails.Length * 2)];
            tails.CopyTo(grown, 0);
            Volatile.Write(ref tails, grown);
        }

        _tails.Add(Encoding.UTF8.GetBytes(line[destination.Length..]));
        Volatile.Write(ref tails[answer.Value], _tails.Count);
        return (Kind.Tail, _tails.Count - 1);
    }

    private (Kind, int) Slow(int options, in BatchAddress address)
    {
        var request = questions.Request(options, address);
        return Engine(request, engine.Lookup(request, _uids[options]));
    }

    private (Kind, int) Engine(Core.Routing.RouteLookupRequest request, LookupResult result)
    {
        switch (result.Status)
        {
            case LookupStatus.Answered:
                InProcess++;
                return Text(FirstLine(result.Answer!));
            case LookupStatus.Refused:
                InProcess++;
                return (Kind.Error, result.Errno);
        }

        AskedKernel++;
        return kernel is null
            ? Text($"{request.Destination} error: cannot be answered from a snapshot ({result.Reason})")
            : (Kind.Kernel, kernel.Ask(request));
    }

    private (Kind, int) Text(string line)
    {
        _texts.Add(Encoding.UTF8.GetBytes(line));
        return (Kind.Text, _texts.Count - 1);
    }

    private byte[] KernelLine(ReadOnlySpan<byte> address, RouteLookupOutcome outcome) => Encoding.UTF8.GetBytes(
        outcome.Route is { } route ? FirstLine(route) : $"{Encoding.UTF8.GetString(address)} error: {outcome.Error ?? "no route"}");

    /// <summary>ip's first line for <paramref name="route"/>; two threads may format lines, and names load on first use.</summary>
    private string FirstLine(Core.Routing.Route route)
    {
        lock (words)
        {
            return words.FirstLine(route);
        }
    }

    /// <summary>The kernel's words for an errno, encoded once.</summary>
    private byte[] ErrorWords(int errno)
    {
        lock (_errorWords)
        {
            if (!_errorWords.TryGetValue(errno, out var text))
            {
                text = Encoding.UTF8.GetBytes(LookupErrors.Describe(errno));
                _errorWords.Add(errno, text);
            }

            return text;
        }
    }

    /// <summary>The destination as the answer prints it: the line's own text when that is already how it prints.</summary>
    private static void WriteDestination(AnswerSink sink, ReadOnlySpan<byte> address, BatchAddress? notCanonical)
    {
        if (notCanonical is not { } bits)
        {
            sink.Write(address);
            return;
        }

        Span<byte> printed = stackalloc byte[64];
        var ip = bits.ToIPAddress();
        ip.TryFormat(printed, out var written);
        sink.Write(printed[..written]);
    }

    private enum Kind : byte
    {
        Tail,
        Error,
        Text,
        Kernel,
    }
}
