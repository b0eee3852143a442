using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Port;
using NetLens.Core.PortTest;
using NetLens.Engines.Port;
using NetLens.Linux.Namespaces;

namespace NetLens.Cli.Commands.Port;

/// <summary>Binds, says so, answers until told to stop, and reports what it answered.</summary>
public static class PortListenHandler
{
    public static async Task<int> RunAsync(PortListenOptions options, CliOutput output, CancellationToken cancel)
    {
        var engine = new PortProbeEngine(NetworkContext.For(options.Netns));
        using var listener = engine.Bind(options.Port, options.Tcp, options.Udp);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, output.Interruption.Token);
        if (options.Timeout is { } timeout)
        {
            stop.CancelAfter(timeout);
        }

        // The ready line goes first and at once: a script (or test) waits for it before it probes.
        var until = options.Count is { } n ? $"{n} answered" : options.Timeout is { } t ? $"{t.TotalSeconds:0.###} s" : "interrupted";
        var ready = $"listening on {string.Join(", ", listener.Bound)} (until {until})";
        var status = options.Json ? output.Error : output.Out;
        status.WriteLine(ready);
        status.Flush();

        var events = await listener.ListenAsync(options.Count, new Answered(e =>
        {
            if (!options.Json)
            {
                ListenTextWriter.WriteEvent(output.Out, e);
                output.Out.Flush();
            }
        }), stop.Token).ConfigureAwait(false);

        if (options.Json)
        {
            ListenJsonWriter.Write(output.Out, options.Port, listener.Bound, events);
        }

        return ExitCodes.Success;
    }

    /// <summary>Writes each answer as it happens, on the listening thread (Progress&lt;T&gt; would post it to the pool).</summary>
    private sealed class Answered(Action<ListenEvent> write) : IProgress<ListenEvent>
    {
        public void Report(ListenEvent value) => write(value);
    }
}
