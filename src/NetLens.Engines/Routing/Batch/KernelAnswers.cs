using System.Runtime.ExceptionServices;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Lookup;
using NetLens.Linux.Routing;

namespace NetLens.Engines.Routing.Batch;

/// <summary>
/// The questions only the kernel can answer, asked on a thread of their own while the rest are answered in-process:
/// queued in order, sent many per datagram (<see cref="RouteNetlink.LookupMany"/>), collected by number.
/// The socket is this class's alone until <see cref="Dispose"/>.
/// </summary>
public sealed class KernelAnswers : IDisposable
{
    private const int MaxBatch = 256;

    private readonly RouteNetlink _kernel;
    private readonly Thread _thread;
    private readonly object _gate = new();
    private readonly List<RouteLookupRequest> _questions = [];
    private readonly List<RouteLookupOutcome> _answers = [];
    private bool _complete;
    private bool _idle;
    private ExceptionDispatchInfo? _failure;

    public KernelAnswers(RouteNetlink kernel)
    {
        _kernel = kernel;
        _thread = new Thread(Run) { IsBackground = true, Name = "netlens kernel lookups" };
        _thread.Start();
    }

    /// <summary>Queues a question; returns its number for <see cref="Answer"/>.</summary>
    public int Ask(RouteLookupRequest question)
    {
        lock (_gate)
        {
            _questions.Add(question);

            // A wake-up only when the thread sleeps: a signal per question cost more than asking the kernel.
            if (_idle)
            {
                Monitor.PulseAll(_gate);
            }

            return _questions.Count - 1;
        }
    }

    /// <summary>No more questions: the thread stops once the queue is answered.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _complete = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The kernel's answer to question <paramref name="number"/>, waiting for it if need be.</summary>
    public RouteLookupOutcome Answer(int number)
    {
        lock (_gate)
        {
            while (_answers.Count <= number)
            {
                // The thread's exception as it was thrown (a device name the kernel does not know is bad input).
                _failure?.Throw();

                Monitor.Wait(_gate);
            }

            return _answers[number];
        }
    }

    public void Dispose()
    {
        Complete();
        _thread.Join();
    }

    private void Run()
    {
        var batch = new RouteLookupRequest[MaxBatch];
        var outcomes = new RouteLookupOutcome[MaxBatch];
        try
        {
            while (true)
            {
                int count;
                lock (_gate)
                {
                    while (_answers.Count == _questions.Count && !_complete)
                    {
                        _idle = true;
                        Monitor.Wait(_gate);
                        _idle = false;
                    }

                    count = Math.Min(MaxBatch, _questions.Count - _answers.Count);
                    if (count == 0)
                    {
                        return;
                    }

                    _questions.CopyTo(_answers.Count, batch, 0, count);
                }

                _kernel.LookupMany(batch.AsSpan(0, count), outcomes.AsSpan(0, count));
                lock (_gate)
                {
                    _answers.AddRange(outcomes.AsSpan(0, count));
                    Monitor.PulseAll(_gate);
                }
            }
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
                Monitor.PulseAll(_gate);
            }
        }
    }
}
