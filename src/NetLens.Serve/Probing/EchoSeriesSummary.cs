namespace NetLens.Serve.Probing;

/// <summary>What count echoes of one scrape add up to: how many left, how many came back, the loss and the RTT spread.</summary>
public sealed record EchoSeriesSummary(int Sent, int Received, double LossRatio, TimeSpan? Min, TimeSpan? Average, TimeSpan? Max)
{
    /// <summary>One entry per echo that left: its round trip when it was answered, null when it was not.</summary>
    public static EchoSeriesSummary Of(IReadOnlyList<TimeSpan?> echoes)
    {
        var replies = echoes.Where(e => e is not null).Select(e => e!.Value).ToList();

        // Nothing sent is no evidence of loss either way; the ratio is 1 so an alert on loss still fires.
        var loss = echoes.Count == 0 ? 1.0 : (echoes.Count - replies.Count) / (double)echoes.Count;
        return replies.Count == 0
            ? new EchoSeriesSummary(echoes.Count, 0, loss, null, null, null)
            : new EchoSeriesSummary(echoes.Count, replies.Count, loss, replies.Min(), TimeSpan.FromTicks((long)replies.Average(r => r.Ticks)), replies.Max());
    }
}
