namespace NetLens.Core.Trace;

/// <summary>
/// How long a probe waits when the user did not set --timeout: ten times the slowest reply the trace has seen, at
/// least <see cref="Floor"/>, at most the default timeout (the same idea as traceroute's -w MAX,HERE,NEAR). A path
/// answering in a millisecond does not keep every lost probe, and the end of the run, waiting two seconds.
/// </summary>
public static class AdaptiveTimeout
{
    public const double Multiplier = 10;

    public static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(300);

    public static TimeSpan For(TimeSpan ceiling, double slowestReplyMs)
    {
        var wait = TimeSpan.FromMilliseconds(slowestReplyMs * Multiplier);
        if (wait < Floor)
        {
            wait = Floor;
        }

        return wait < ceiling ? wait : ceiling;
    }
}
