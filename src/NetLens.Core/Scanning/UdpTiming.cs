namespace NetLens.Core.Scanning;

/// <summary>How a UDP scan reads silence on a host that rate-limits its ICMP errors.</summary>
public sealed record UdpTiming
{
    /// <summary>
    /// How long the target may need to earn one ICMP error to send: Linux's default (net.ipv4.icmp_ratelimit, 1000 ms per
    /// destination, in a bucket of 6), the slowest default in common use. Silence only counts when a sweep starts this
    /// long after the last error, so the bucket held at least one error for a closed port to spend.
    /// </summary>
    public TimeSpan TokenInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Once rate limiting is proven, sweeps cover this many pending ports at least (more when the host answers more per sweep).</summary>
    public int MinChunk { get; init; } = 64;

    /// <summary>A port probed this often without a counted answer is given up as open|filtered: a bound for a host that never refills.</summary>
    public int MaxAttempts { get; init; } = 200;

    public static UdpTiming Default { get; } = new();
}
