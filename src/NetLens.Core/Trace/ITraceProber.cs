using System.Diagnostics;
using NetLens.Core.Probing;

namespace NetLens.Core.Trace;

/// <summary>Sends probes TTL 1..n on one or more flows and reports what became of each.</summary>
public interface ITraceProber : IDisposable
{
    ProbeMechanism Mechanism { get; }

    /// <summary>The first flow (the only one unless --flows asked for more).</summary>
    TraceFlow Flow { get; }

    /// <summary>Every flow's identifiers; probes of flow i carry <c>Flows[i]</c>'s ports or identifier.</summary>
    IReadOnlyList<TraceFlow> Flows => [Flow];

    /// <summary>One round: a result per TTL 1..<paramref name="ttls"/> and flow, waiting at most <paramref name="timeout"/> for each reply.</summary>
    IReadOnlyList<ProbeResult> ProbeRound(int round, int ttls, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// All rounds of <paramref name="schedule"/>, results as they are known (a reply, or the probe's own timeout).
    /// <paramref name="ttlsToProbe"/> gives a round's highest TTL and is asked again before each of its probes, so probing
    /// stops at the destination once it is known (and, like mtr, after a run of silent TTLs). TTLs start at the schedule's
    /// <see cref="TraceSchedule.FirstTtl"/>.
    /// </summary>
    IEnumerable<ProbeResult> Run(TraceSchedule schedule, Func<int, int> ttlsToProbe, CancellationToken cancellationToken)
    {
        // A prober without its own scheduling runs the rounds one after the other.
        for (var i = 0; i < schedule.Rounds && !cancellationToken.IsCancellationRequested; i++)
        {
            var began = Stopwatch.GetTimestamp();
            var round = schedule.FirstRound + i;
            foreach (var result in ProbeRound(round, ttlsToProbe(round), schedule.Timeout, cancellationToken).Where(r => r.Ttl >= schedule.FirstTtl))
            {
                yield return result;
            }

            var rest = schedule.Interval - Stopwatch.GetElapsedTime(began);
            if (i + 1 < schedule.Rounds && rest > TimeSpan.Zero)
            {
                cancellationToken.WaitHandle.WaitOne(rest);
            }
        }
    }
}
