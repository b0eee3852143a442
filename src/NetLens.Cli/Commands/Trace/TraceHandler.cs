using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Trace;
using NetLens.Core;
using NetLens.Core.Probing;
using NetLens.Core.Trace;
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
            var flow = prober.Flow.Protocol == ProbeProtocol.Icmp
                ? $"ICMP echo identifier {prober.Flow.Identifier}"
                : $"UDP port {prober.Flow.DestinationPort} from port {prober.Flow.SourcePort}";
            output.Error.WriteLine($"netlens: trace {options.Host} ({address}) with {LossKindWords.Snake(prober.Mechanism.ToString())}: {flow}");
        }

        using var names = options.Numeric ? ReverseNames.Off : new ReverseNames(new ReverseNameCache(new ReverseNameResolver()));
        if (LiveTraceConsole.Applies(options.Report || options.Json, output))
        {
            var live = new LiveTraceSettings(options.Host, address, options.CountGiven ? options.Count : null, options.Interval, options.Timeout, options.MaxHops);
            return LiveTraceConsole.Run(prober, live, names, output);
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

                names.Request(probe.Responder);
            }

            var rest = options.Interval - Stopwatch.GetElapsedTime(began);
            if (round + 1 < options.Count && rest > TimeSpan.Zero)
            {
                // Paces the rounds; a round that took longer than the interval starts the next at once.
                Thread.Sleep(rest);
            }
        }

        names.WaitForPending(ReverseNames.ReportWait);
        var run = new TraceRun(options.Host, address, prober.Mechanism, prober.Flow.Protocol, start, DateTimeOffset.Now, options.Count, statistics.Report());
        if (options.Json)
        {
            TraceJsonWriter.Write(output.Out, run, names.NameOf);
            return ExitCodes.Success;
        }

        MtrReportWriter.Write(output.Out, Environment.MachineName, run.Start, run.Hops, hop => names.Display(hop.Hosts[0].Address), names.Display, options.Mpls);
        if (!options.Report)
        {
            foreach (var words in run.Hops.Select(LossKindWords.Explain).OfType<string>())
            {
                output.Out.WriteLine(words);
            }
        }

        return ExitCodes.Success;
    }

    private static ITraceProber OpenProber(TraceOptions options, IPAddress address)
    {
        if (!options.Icmp)
        {
            return UdpErrorQueueProber.Open(address, options.Port, options.Netns);
        }

        // Probed once per run; raw sockets are not used yet, so ICMP needs the datagram socket.
        if (ProbeCapabilities.Detect(address.AddressFamily, options.Netns).ForIcmp is null)
        {
            throw new MissingPrivilegeException(
                "ICMP probes need an ICMP datagram socket, which net.ipv4.ping_group_range does not grant this user",
                "sudo sysctl -w net.ipv4.ping_group_range='0 2147483647', or trace with --udp, which needs no privilege");
        }

        return IcmpDatagramProber.Open(address, options.Netns);
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
