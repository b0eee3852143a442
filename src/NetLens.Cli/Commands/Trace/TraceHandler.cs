using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Trace;
using NetLens.Core.Probing;
using NetLens.Core.Trace;
using NetLens.Engines.Context;
using NetLens.Engines.Trace;
using NetLens.Linux.Namespaces;

namespace NetLens.Cli.Commands.Trace;

/// <summary>Binds the options into a trace request, opens the session, and hands what it gathered to the live view or a writer.</summary>
public static class TraceHandler
{
    public static async Task<int> RunAsync(TraceOptions options, CliOutput output)
    {
        var network = NetworkContext.For(options.Netns);
        var target = TraceTarget.Resolve(options.Host, network, options.Family);
        var live = LiveTraceConsole.Applies(options.Report || options.Json || options.Csv, output);
        using var session = TraceSession.Open(Request(options, target.Address, live, network));
        if (options.Verbose)
        {
            output.Error.WriteLine($"netlens: trace {options.Host} ({target.Address}) with {LossKindWords.Snake(session.Mechanism.ToString())}: {TraceFlowWords.Describe(session.Mechanism, session.Flows)}");
        }

        using var names = options.Numeric ? ReverseNames.Off : new ReverseNames(ReverseNameLookups.Start()) { ShowAddresses = options.ShowIps };
        if (live)
        {
            return LiveTraceConsole.Run(session, options.CountGiven ? options.Count : null, names, output, options.Fields);
        }

        var interruption = output.Interruption;
        await foreach (var round in session.RunAsync(interruption.Token).ConfigureAwait(false))
        {
            foreach (var probe in round.Results)
            {
                names.Request(probe.Responder);
            }
        }

        // Interrupted, the user wants out: names already known are shown, none is waited for.
        if (!interruption.Requested)
        {
            await names.WaitForPendingAsync(ReverseNames.ReportWait, interruption.Token).ConfigureAwait(false);
        }

        var run = session.Result(interrupted: interruption.Requested);
        Write(options, output, run, names);
        return interruption.ExitCode ?? ExitCodes.Success;
    }

    private static TraceRequest Request(TraceOptions options, System.Net.IPAddress address, bool live, NetworkContext network) => new()
    {
        Target = options.Host,
        Address = address,
        Protocol = options.Icmp ? ProbeProtocol.Icmp : options.Tcp ? ProbeProtocol.Tcp : ProbeProtocol.Udp,
        Port = options.Port,
        Flows = options.Flows,

        // The live view counts its rounds itself (r starts the count over) and runs until q without -c.
        Rounds = live ? null : options.Count,
        Interval = options.Interval,
        Timeout = options.Timeout,
        AdaptiveTimeout = options.AdaptiveTimeout,
        MaxHops = options.MaxHops,
        Network = network,
    };

    private static void Write(TraceOptions options, CliOutput output, TraceRun run, ReverseNames names)
    {
        if (options.Json)
        {
            TraceJsonWriter.Write(output.Out, run, names.NameOf);
            return;
        }

        if (options.Csv)
        {
            TraceCsvWriter.Write(output.Out, run);
            return;
        }

        MtrReportWriter.Write(output.Out, Environment.MachineName, run.Start, run.Hops, hop => names.Display(hop.Hosts[0].Address), names.Display, options.Mpls, options.Fields, options.Wide);
        if (options.Report)
        {
            return;
        }

        foreach (var words in run.Hops.Select(LossKindWords.Explain).OfType<string>())
        {
            output.Out.WriteLine(words);
        }

        foreach (var words in run.Hops.Select((h, i) => LossKindWords.ExplainLatency(h, i > 0 ? run.Hops[i - 1] : null)).OfType<string>())
        {
            output.Out.WriteLine(words);
        }

        foreach (var words in run.Hops.Select(h => TraceFlowWords.ParallelPaths(h, run.Flows)).OfType<string>())
        {
            output.Out.WriteLine(words);
        }
    }
}
