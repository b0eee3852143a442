using NetLens.Core.Probing;
using NetLens.Core.Trace;

namespace NetLens.Cli.Output.Trace;

/// <summary>Words for what identifies a trace's probes (--verbose) and for the parallel paths --flows found.</summary>
public static class TraceFlowWords
{
    public static string Describe(ProbeMechanism mechanism, IReadOnlyList<TraceFlow> flows)
    {
        var first = flows[0];
        var what = first.Protocol switch
        {
            ProbeProtocol.Icmp => $"ICMP echo identifier {Join(flows.Select(f => (int)f.Identifier))}",
            ProbeProtocol.Tcp when mechanism == ProbeMechanism.TcpConnect => $"TCP port {first.DestinationPort}, one connect() per probe, source port kept per TTL",
            ProbeProtocol.Tcp => $"TCP SYN to port {first.DestinationPort} from port {Join(flows.Select(f => (int)f.SourcePort))}",
            _ => $"UDP port {first.DestinationPort} from port {Join(flows.Select(f => (int)f.SourcePort))}",
        };
        return flows.Count > 1 ? what + $" ({flows.Count} flows)" : mechanism == ProbeMechanism.TcpConnect ? what : what + " (one constant flow)";
    }

    /// <summary>One sentence for a hop where different flows met different routers; null when the hop has one path.</summary>
    public static string? ParallelPaths(HopReport hop, int flows)
    {
        if (flows < 2 || hop.Hosts.Count < 2)
        {
            return null;
        }

        var paths = string.Join(", ", hop.Hosts.Select(h => $"{h.Address} (flow{(h.Flows.Count == 1 ? "" : "s")} {Join(h.Flows)})"));
        return $"hop {hop.Ttl}: {hop.Hosts.Count} parallel paths: {paths}.";
    }

    private static string Join(IEnumerable<int> numbers) => string.Join(',', numbers);
}
