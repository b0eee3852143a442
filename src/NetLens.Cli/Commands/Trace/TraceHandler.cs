using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Trace;
using NetLens.Core;
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
        try
        {
            return await TraceAsync(options, output).ConfigureAwait(false);
        }
        catch (LocalFirewallException e)
        {
            // Not a crash and not a privilege problem: the answer is this host's own OUTPUT rules.
            output.Out.Flush();
            output.Error.WriteLine($"netlens: error: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static async Task<int> TraceAsync(TraceOptions options, CliOutput output)
    {
        var network = NetworkContext.For(options.Netns);
        var target = TraceTarget.Resolve(options.Host, network, options.Family);
        var live = LiveTraceConsole.Applies(options.Report || options.Json || options.Csv, output);
        using var session = TraceSession.Open(Request(options, target.Address, live, network));
        if (options.Verbose)
        {
            output.Error.WriteLine($"netlens: trace {options.Host} ({target.Address}) with {LossKindWords.Snake(session.Mechanism.ToString())}: {TraceFlowWords.Describe(session.Mechanism, session.Flows)}{DefaultWords(options, session)}");
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
        return interruption.ExitCode ?? (run.Reached ? ExitCodes.Success : ExitCodes.Failure);
    }

    /// <summary>Without -u, --icmp or -T the protocol follows the privilege; --verbose says which it was.</summary>
    private static string DefaultWords(TraceOptions options, TraceSession session) =>
        options.Icmp || options.Udp || options.Tcp ? ""
        : session.Flow.Protocol == ProbeProtocol.Icmp ? " (the default with CAP_NET_RAW: ICMP echo, as mtr)"
        : " (the default without CAP_NET_RAW: UDP; ICMP echo needs a raw socket)";

    private static TraceRequest Request(TraceOptions options, System.Net.IPAddress address, bool live, NetworkContext network) => new()
    {
        Target = options.Host,
        Address = address,
        Protocol = options.Icmp ? ProbeProtocol.Icmp : options.Tcp ? ProbeProtocol.Tcp : options.Udp ? ProbeProtocol.Udp : null,
        Port = options.Port,
        Flows = options.Flows,

        // The live view counts its rounds itself (r starts the count over) and runs until q without -c.
        Rounds = live ? null : options.Count,
        Interval = options.Interval,
        Timeout = options.Timeout,
        AdaptiveTimeout = options.AdaptiveTimeout,
        MaxHops = options.MaxHops,
        FirstTtl = options.FirstTtl,
        PacketSize = options.PacketSize,
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
        if (TraceStopWords.NotReached(run, options.MaxHops) is { } notReached)
        {
            output.Out.WriteLine(notReached);
        }

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
