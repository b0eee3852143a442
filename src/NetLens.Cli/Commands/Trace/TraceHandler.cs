using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Trace;
using NetLens.Core;
using NetLens.Core.Trace;
using NetLens.Linux.Probes;

namespace NetLens.Cli.Commands.Trace;

/// <summary>Resolves the target, runs the rounds, hands the statistics to a writer.</summary>
public static class TraceHandler
{
    public static int Run(TraceOptions options, CliOutput output)
    {
        var address = Resolve(options.Host);
        using var prober = UdpErrorQueueProber.Open(address, options.Port, options.Netns);
        if (options.Verbose)
        {
            output.Error.WriteLine($"netlens: trace {options.Host} ({address}) with {LossKindWords.Snake(prober.Mechanism.ToString())}: UDP port {prober.Flow.DestinationPort} from port {prober.Flow.SourcePort}");
        }

        var start = DateTimeOffset.Now;
        var statistics = new TraceStatistics(options.MaxHops);
        for (var round = 0; round < options.Count; round++)
        {
            var began = Stopwatch.GetTimestamp();
            foreach (var probe in prober.ProbeRound(round, statistics.TtlsToProbe, options.Timeout, CancellationToken.None))
            {
                if (probe.Ttl <= statistics.TtlsToProbe)
                {
                    statistics.Add(probe);
                }
            }

            var rest = options.Interval - Stopwatch.GetElapsedTime(began);
            if (round + 1 < options.Count && rest > TimeSpan.Zero)
            {
                // Paces the rounds; a round that took longer than the interval starts the next at once.
                Thread.Sleep(rest);
            }
        }

        var run = new TraceRun(options.Host, address, prober.Mechanism, prober.Flow.Protocol, start, DateTimeOffset.Now, options.Count, statistics.Report());
        if (options.Json)
        {
            TraceJsonWriter.Write(output.Out, run);
            return ExitCodes.Success;
        }

        MtrReportWriter.Write(output.Out, Environment.MachineName, run.Start, run.Hops, hop => hop.Hosts[0].Address.ToString());
        if (!options.Report)
        {
            foreach (var words in run.Hops.Select(LossKindWords.Explain).OfType<string>())
            {
                output.Out.WriteLine(words);
            }
        }

        return ExitCodes.Success;
    }

    private static IPAddress Resolve(string host)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return address;
        }

        try
        {
            return Dns.GetHostAddresses(host).FirstOrDefault()
                ?? throw new UsageException($"\"{host}\" has no address");
        }
        catch (SocketException e)
        {
            throw new UsageException($"cannot resolve \"{host}\": {e.Message}");
        }
    }
}
