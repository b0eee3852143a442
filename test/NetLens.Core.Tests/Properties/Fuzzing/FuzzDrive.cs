using System.Globalization;

namespace NetLens.Fuzzing;

/// <summary>
/// A seeded run of one target as the suite and bench/fuzz.sh make it: the suite runs a few thousand cases, the bench
/// a million or more (NETLENS_FUZZ_CASES), each target's figures appended to NETLENS_FUZZ_REPORT when it is set.
/// </summary>
internal static class FuzzDrive
{
    private const long SuiteCases = 3000;

    private static readonly Lock ReportGate = new();

    public static FuzzReport Run(FuzzTarget target)
    {
        var cases = long.TryParse(Environment.GetEnvironmentVariable("NETLENS_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && asked > 0 ? asked : SuiteCases;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("NETLENS_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var given) ? given : 20261206;
        var report = FuzzRunner.Run(target, cases, seed);
        if (Environment.GetEnvironmentVariable("NETLENS_FUZZ_REPORT") is { Length: > 0 } path)
        {
            lock (ReportGate)
            {
                File.AppendAllText(path, string.Create(
                    CultureInfo.InvariantCulture,
                    $"{report.Target}\t{report.Cases}\t{report.Failures}\t{report.Elapsed.TotalSeconds:F1}\t{report.CasesPerSecond:F0}\t{seed}\n"));
            }
        }

        return report;
    }

    /// <summary>The failure message: how many inputs raised an untyped exception, and the first few.</summary>
    public static string Describe(FuzzReport report) =>
        $"{report.Target}: {report.Failures} of {report.Cases} inputs raised an untyped exception: {string.Join(" | ", report.Examples)}";
}
