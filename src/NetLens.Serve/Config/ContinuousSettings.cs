namespace NetLens.Serve.Config;

/// <summary>
/// The `continuous:` block: targets probed on their own every interval, as smokeping_prober does, whether or not
/// anything scrapes. Targets come from the list and from Prometheus file_sd files (globs in the last path part, as
/// Prometheus allows), re-read when they change.
/// </summary>
public sealed record ContinuousSettings(TimeSpan Interval, IReadOnlyList<string> Targets, IReadOnlyList<string> FileSdFiles)
{
    /// <summary>smokeping_prober's default.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    /// <summary>The shortest interval: below it the kernel's own timer slack would be most of the spacing.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>The periodic trace rounds of every target (`trace:`), or null for none.</summary>
    public ContinuousTraceSettings? Trace { get; init; }
}
