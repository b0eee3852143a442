using System.Globalization;
using NetLens.Core.Scanning;

namespace NetLens.Cli.Output.Scan;

/// <summary>
/// One line on stderr, redrawn in place while a long scan runs: a bar, the share of ports settled, probes sent and time.
/// Drawn only once the scan has run a second (a short scan shows nothing), and only when stderr is a terminal.
/// </summary>
public sealed class ScanProgressBar(TextWriter error) : IProgress<ScanProgress>, IDisposable
{
    private const int BarWidth = 30;
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    private bool _drawn;

    public void Report(ScanProgress progress)
    {
        if (progress.Elapsed < Quiet || progress.Total == 0)
        {
            return;
        }

        error.Write("\r" + Line(progress) + "\u001b[K");
        error.Flush();
        _drawn = true;
    }

    /// <summary>Removes the line, so the answer on stdout starts clean even when both go to one terminal.</summary>
    public void Clear()
    {
        if (_drawn)
        {
            error.Write("\r\u001b[K");
            error.Flush();
            _drawn = false;
        }
    }

    public void Dispose() => Clear();

    /// <summary>"[##########....................]  33.4% 21,845/65,535 ports, 48,310 probes, 2.1s, about 4s left".</summary>
    public static string Line(ScanProgress progress)
    {
        var share = Math.Clamp((double)progress.Settled / progress.Total, 0, 1);
        var filled = (int)Math.Round(share * BarWidth);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {share * 100,5:0.0}% {progress.Settled:N0}/{progress.Total:N0} ports, {progress.ProbesSent:N0} probes, {progress.Elapsed.TotalSeconds:0.0}s{Left(progress.Remaining)}");
    }

    private static string Left(TimeSpan? remaining) => remaining switch
    {
        null => string.Empty,
        { TotalSeconds: < 60 } r => string.Create(CultureInfo.InvariantCulture, $", about {Math.Ceiling(r.TotalSeconds):0}s left"),
        { TotalHours: < 1 } r => string.Create(CultureInfo.InvariantCulture, $", about {(int)r.TotalMinutes}m{r.Seconds:00}s left"),
        { } r => string.Create(CultureInfo.InvariantCulture, $", about {(int)r.TotalHours}h{r.Minutes:00}m left"),
    };
}
