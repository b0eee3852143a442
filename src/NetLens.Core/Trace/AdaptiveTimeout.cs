namespace NetLens.Core.Trace;

/// <summary>
/// How long a probe waits when the user did not set --timeout: ten times the slowest reply the trace has seen, at
/// least <see cref="Floor"/>, at most the default timeout (the same idea as traceroute's -w MAX,HERE,NEAR). A path
/// answering in a millisecond does not keep every lost probe, and the end of the run, waiting two seconds. Before any
/// reply is seen the whole ceiling is waited; replies that come after their probe was given up still count as seen
/// (the probe stays lost), so a path that slows down lengthens the wait instead of reading as loss.
/// </summary>
public static class AdaptiveTimeout
{
    public const double Multiplier = 10;

    public static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(300);

    /// <param name="ceiling">The longest wait (the default --timeout).</param>
    /// <param name="slowestReplyMs">The slowest reply seen so far, late ones included; 0 when none was seen yet.</param>
    public static TimeSpan For(TimeSpan ceiling, double slowestReplyMs)
    {
        if (slowestReplyMs <= 0)
        {
            return ceiling;
        }

        var wait = TimeSpan.FromMilliseconds(slowestReplyMs * Multiplier);
        if (wait < Floor)
        {
            wait = Floor;
        }

        return wait < ceiling ? wait : ceiling;
    }
}
