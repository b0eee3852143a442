using System.Globalization;
using NetLens.Core.Trace;

namespace NetLens.Cli.Output.Trace;

/// <summary>
/// `netlens trace --csv`: mtr --csv's columns (version, start as Unix time, status, target, hop, address, Loss%, Snt,
/// the blank column mtr keeps, Last, Avg, Best, Wrst, StDev; two decimals) plus Loss_Kind and the trace's Reached (yes, no)
/// and Stop_Reason, one row per hop (silent ones with <c>???</c>), after a header.
/// </summary>
public static class TraceCsvWriter
{
    public const string Header = "Mtr_Version,Start_Time,Status,Host,Hop,Ip,Loss%,Snt, ,Last,Avg,Best,Wrst,StDev,Loss_Kind,Reached,Stop_Reason";
    private const string NoReply = "???";

    public static void Write(TextWriter output, TraceRun run)
    {
        output.WriteLine(Header);
        var version = "NETLENS." + (typeof(TraceCsvWriter).Assembly.GetName().Version?.ToString(3) ?? "0");
        var start = run.Start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        foreach (var hop in run.Hops)
        {
            output.WriteLine(Row(version, start, run.Target, hop) + $",{(run.Reached ? "yes" : "no")},{TraceStopWords.Snake(run.StopReason)}");
        }
    }

    public static string Row(string version, string start, string target, HopReport hop) => string.Join(',',
    [
        version,
        start,
        "OK",
        Field(target),
        hop.Ttl.ToString(CultureInfo.InvariantCulture),
        hop.Hosts.Count == 0 ? NoReply : hop.Hosts[0].Address.ToString(),
        Number(hop.LossPercent),
        hop.Sent.ToString(CultureInfo.InvariantCulture),
        "0",
        Number(hop.LastMs),
        Number(hop.AvgMs),
        Number(hop.BestMs),
        Number(hop.WorstMs),
        Number(hop.StDevMs),
        LossKindWords.Json(hop.LossKind),
    ]);

    private static string Number(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>A target name is the user's text: quoted (RFC 4180) if it holds a comma or quote.</summary>
    private static string Field(string text) =>
        text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal) ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}
