using System.Collections.Concurrent;
using System.Net;
using NetLens.Serve.Config;
using NetLens.Serve.Exposition;

namespace NetLens.Serve.Probing;

/// <summary>Why /probe refused a request: the label of netlens_probe_refused_total.</summary>
public enum ProbeRefusal
{
    RateGlobal,
    RateTarget,
    NotAllowed,
}

/// <summary>
/// /probe's rate caps: one bucket for all requests, one per resolved target address, both from the config's
/// `limits:` as it is now (a reload with other limits starts fresh buckets), and the refusals counted by reason.
/// The continuous prober does not pass through here: its own schedule bounds it.
/// </summary>
public sealed class ProbeLimiter(Func<ServeConfig> config, TimeProvider clock)
{
    // Past this many per-target buckets the full ones are dropped; a full bucket is the same as none. Those left are
    // bounded by the global cap: each was drawn from within its refill time.
    private const int PruneAbove = 1024;

    private readonly Lock _gate = new();
    private readonly long[] _refused = new long[3];
    private LimitSettings? _limits;
    private TokenBucket _global = null!;
    private ConcurrentDictionary<IPAddress, TokenBucket> _targets = null!;
    private int _pruneAt = PruneAbove;

    /// <summary>Takes a token from the global bucket; false (and when to retry) when it is empty.</summary>
    public bool TryGlobal(out TimeSpan retryAfter)
    {
        Buckets(out var global, out _, out _);
        return Count(global.TryTake(out retryAfter), ProbeRefusal.RateGlobal);
    }

    /// <summary>Takes a token from the target's bucket; false (and when to retry) when it is empty.</summary>
    public bool TryTarget(IPAddress address, out TimeSpan retryAfter)
    {
        Buckets(out _, out var targets, out var limits);
        var key = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (!targets.TryGetValue(key, out var bucket))
        {
            Prune(targets);
            bucket = targets.GetOrAdd(key, _ => new TokenBucket(limits.TargetProbesPerSecond, limits.TargetProbesBurst, clock));
        }

        return Count(bucket.TryTake(out retryAfter), ProbeRefusal.RateTarget);
    }

    public void Refused(ProbeRefusal reason) => Interlocked.Increment(ref _refused[(int)reason]);

    public long RefusedCount(ProbeRefusal reason) => Interlocked.Read(ref _refused[(int)reason]);

    public void AddTo(MetricSet metrics)
    {
        var family = metrics.Counter("netlens_probe_refused_total", "/probe requests refused before any packet, by reason (rate caps, probe_allow).");
        family.Set(RefusedCount(ProbeRefusal.RateGlobal), new KeyValuePair<string, string>("reason", "rate_global"));
        family.Set(RefusedCount(ProbeRefusal.RateTarget), new KeyValuePair<string, string>("reason", "rate_target"));
        family.Set(RefusedCount(ProbeRefusal.NotAllowed), new KeyValuePair<string, string>("reason", "not_allowed"));
    }

    private bool Count(bool taken, ProbeRefusal reason)
    {
        if (!taken)
        {
            Refused(reason);
        }

        return taken;
    }

    private void Buckets(out TokenBucket global, out ConcurrentDictionary<IPAddress, TokenBucket> targets, out LimitSettings limits)
    {
        var current = config().Limits;
        lock (_gate)
        {
            if (!current.Equals(_limits))
            {
                _limits = current;
                _global = new TokenBucket(current.ProbesPerSecond, current.ProbesBurst, clock);
                _targets = new ConcurrentDictionary<IPAddress, TokenBucket>();
                _pruneAt = PruneAbove;
            }

            global = _global;
            targets = _targets;
            limits = current;
        }
    }

    private void Prune(ConcurrentDictionary<IPAddress, TokenBucket> targets)
    {
        lock (_gate)
        {
            if (targets.Count < _pruneAt)
            {
                return;
            }

            foreach (var (address, bucket) in targets)
            {
                if (bucket.IsFull)
                {
                    targets.TryRemove(address, out _);
                }
            }

            _pruneAt = Math.Max(PruneAbove, targets.Count * 2);
        }
    }
}
