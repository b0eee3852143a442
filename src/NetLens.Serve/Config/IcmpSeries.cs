namespace NetLens.Serve.Config;

/// <summary>
/// netlens's icmp keys beyond blackbox's: count echoes per scrape, interval apart (sent on schedule, not after the
/// previous reply, so a lost echo does not delay the next). Count 1 is blackbox's single echo.
/// </summary>
public sealed record IcmpSeries(int Count, TimeSpan Interval)
{
    public const int MaxCount = 1000;

    public static readonly IcmpSeries Single = new(1, TimeSpan.FromSeconds(1));
}
