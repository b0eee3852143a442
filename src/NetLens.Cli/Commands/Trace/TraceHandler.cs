using System.Net;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Trace;
using NetLens.Core;
using NetLens.Core.Probing;
using NetLens.Core.Trace;
using NetLens.Engines.Context;
using NetLens.Linux.Probes;

namespace NetLens.Cli.Commands.Trace;

/// <summary>Resolves the target, runs the rounds, hands the statistics to a writer.</summary>
public static class TraceHandler
{
    public static int Run(TraceOptions options, CliOutput output)
    {
        var address = Resolve(options.Host);
        using var prober = OpenProber(options, address);
        if (options.Verbose)
        {
            output.Error.WriteLine($"netlens: trace {options.Host} ({address}) with {LossKindWords.Snake(prober.Mechanism.ToString())}: {TraceFlowWords.Describe(prober.Mechanism, prober.Flows)}");
        }

        using var names = options.Numeric ? ReverseNames.Off : new ReverseNames(new ReverseNameCache(new ReverseNameResolver()));
        if (LiveTraceConsole.Applies(options.Report || options.Json || options.Csv, output))
        {
            var live = new LiveTraceSettings(options.Host, address, options.CountGiven ? options.Count : null, options.Interval, options.Timeout, options.MaxHops);
            return LiveTraceConsole.Run(prober, live, names, output);
        }

        var start = DateTimeOffset.Now;
        var statistics = new TraceStatistics(options.MaxHops);
        var schedule = new TraceSchedule(options.Count, options.Interval, options.Timeout) { AdaptiveTimeout = options.AdaptiveTimeout };
        foreach (var probe in prober.Run(schedule, () => statistics.TtlsToProbe, CancellationToken.None))
        {
            // Probes sent past the destination before it was known are left out, as mtr does.
            if (probe.Ttl <= statistics.TtlsToProbe)
            {
                statistics.Add(probe);
            }

            names.Request(probe.Responder);
        }

        names.WaitForPending(ReverseNames.ReportWait);
        var run = new TraceRun(options.Host, address, prober.Mechanism, prober.Flow.Protocol, start, DateTimeOffset.Now, options.Count, statistics.Report())
        {
            Flows = prober.Flows.Count,
        };
        if (options.Json)
        {
            TraceJsonWriter.Write(output.Out, run, names.NameOf);
            return ExitCodes.Success;
        }

        if (options.Csv)
        {
            TraceCsvWriter.Write(output.Out, run);
            return ExitCodes.Success;
        }

        MtrReportWriter.Write(output.Out, Environment.MachineName, run.Start, run.Hops, hop => names.Display(hop.Hosts[0].Address), names.Display, options.Mpls);
        if (!options.Report)
        {
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

        return ExitCodes.Success;
    }

    private static ITraceProber OpenProber(TraceOptions options, IPAddress address)
    {
        var protocol = options.Icmp ? ProbeProtocol.Icmp : options.Tcp ? ProbeProtocol.Tcp : ProbeProtocol.Udp;
        return TraceProbers.Open(new TraceProbeRequest(address, protocol, options.Port, options.Flows, options.Netns));
    }

    // The shared resolver refuses an empty or over-long name: the system resolver reads "" as this host (a trace of
    // 127.0.0.1) and answers a 10 KB name with .NET's own words.
    private static IPAddress Resolve(string host)
    {
        var address = TargetResolver.Resolve(host, family: null).Address;
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            // The kernel sends packets for the unspecified address to this host: 30 hops of loopback, never a path.
            throw new UsageException($"{InputText.Quote(host)} is the unspecified address, which names no host (name the host to trace to)");
        }

        return address;
    }
}
