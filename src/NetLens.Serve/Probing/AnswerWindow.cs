namespace NetLens.Serve.Probing;

/// <summary>How long a prober may wait for packets: the probe's time left less a margin, so its verdict is read before the handler's deadline cancels it.</summary>
internal static class AnswerWindow
{
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(50);

    public static TimeSpan Of(ProbeContext probe) => TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, (probe.Remaining - Margin).Ticks));
}
