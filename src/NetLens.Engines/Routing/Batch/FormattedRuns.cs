namespace NetLens.Engines.Routing.Batch;

/// <summary>
/// Runs of answer lines formatted by a second thread and written, in order, by the first: the hand-over between the
/// two. The formatter stays at most a few runs ahead of the writer (memory stays a few megabytes, not half the
/// answers), and buffers go back to it once written.
/// </summary>
public sealed class FormattedRuns(int lines)
{
    private const int RunLines = 8192;
    private const int MaxAhead = 6;

    private readonly object _gate = new();
    private readonly MemoryStream?[] _done = new MemoryStream?[(lines + RunLines - 1) / RunLines];
    private readonly Stack<MemoryStream> _free = [];
    private int _written = -1;
    private bool _failed;

    /// <summary>How many runs the lines make.</summary>
    public int Count => _done.Length;

    public int First(int run) => run * RunLines;

    public int End(int run) => Math.Min(lines, (run + 1) * RunLines);

    /// <summary>Waits until run <paramref name="run"/> may be formatted (the writer is close enough); false once the writer gave up.</summary>
    public bool WaitForRoom(int run)
    {
        lock (_gate)
        {
            while (!_failed && run > _written + MaxAhead)
            {
                Monitor.Wait(_gate);
            }

            return !_failed;
        }
    }

    /// <summary>An empty buffer to format a run into.</summary>
    public MemoryStream Take()
    {
        lock (_gate)
        {
            if (_free.TryPop(out var buffer))
            {
                buffer.SetLength(0);
                return buffer;
            }
        }

        // Sized for a run's answers (about 70 bytes a line), so it is not regrown and copied.
        return new MemoryStream(RunLines * 96);
    }

    /// <summary>Run <paramref name="run"/> is formatted into <paramref name="buffer"/>.</summary>
    public void Finished(int run, MemoryStream buffer)
    {
        lock (_gate)
        {
            _done[run] = buffer;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Waits for run <paramref name="run"/>'s answers; null when the formatting thread failed.</summary>
    public MemoryStream? WaitFor(int run)
    {
        lock (_gate)
        {
            while (_done[run] is null && !_failed)
            {
                Monitor.Wait(_gate);
            }

            return _done[run];
        }
    }

    /// <summary>Run <paramref name="run"/> is written out; its buffer is free again.</summary>
    public void Written(int run, MemoryStream buffer)
    {
        lock (_gate)
        {
            _done[run] = null;
            _written = run;
            _free.Push(buffer);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>One side stopped (failed, or finished writing): nobody waits for it any more.</summary>
    public void Fail()
    {
        lock (_gate)
        {
            _failed = true;
            Monitor.PulseAll(_gate);
        }
    }
}
