using System.Diagnostics;
using System.Net;
using NetLens.Linux.Namespaces;
using NetLens.Serve.Config;
using NetLens.Serve.Exposition;

namespace NetLens.Serve.Probing;

/// <summary>What a prober is given for one /probe request: the target, the module, where results and logs go, the deadline, the allow-list.</summary>
public sealed class ProbeContext(string target, ProbeModule module, ServeConfig config, NetworkContext network, TimeSpan timeout, Func<IPAddress, bool>? alsoAllowed = null, ProbeLimiter? limiter = null)
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public string Target { get; } = target;

    public ProbeModule Module { get; } = module;

    public NetworkContext Network { get; } = network;

    public MetricSet Metrics { get; } = new();

    public ProbeLog Log { get; } = new(module.Name, target);

    /// <summary>What is left of the probe's timeout (never below a millisecond, so a wait still happens once).</summary>
    public TimeSpan Remaining => TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, (timeout - Stopwatch.GetElapsedTime(_start)).Ticks));

    /// <summary>probe_allow and the continuous targets: a target outside both gets no packet at all; nor one over its rate cap.</summary>
    public bool Allowed(IPAddress address)
    {
        if (config.Allows(address) || alsoAllowed?.Invoke(address) == true)
        {
            return WithinTargetCap(address);
        }

        Log.Error("Target refused: outside probe_allow and not a continuous target", ("ip", address));
        Refused = true;
        return false;
    }

    public bool Refused { get; private set; }

    /// <summary>When the target's probe rate cap refused it: how long until it has a token again.</summary>
    public TimeSpan? OverTargetCap { get; private set; }

    private bool WithinTargetCap(IPAddress address)
    {
        if (limiter is null || limiter.TryTarget(address, out var retryAfter))
        {
            return true;
        }

        OverTargetCap = retryAfter;
        return false;
    }
}
