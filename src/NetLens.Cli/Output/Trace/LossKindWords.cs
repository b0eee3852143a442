using System.Globalization;
using System.Text;
using NetLens.Core.Trace;

namespace NetLens.Cli.Output.Trace;

/// <summary>The words for a hop's loss and latency readings, in JSON and for people.</summary>
public static class LossKindWords
{
    public static string Json(LossKind kind) => kind switch
    {
        LossKind.RateLimited => "rate_limited",
        LossKind.Real => "real",
        _ => "none",
    };

    /// <summary>One sentence for a hop with loss; null when there is nothing to explain.</summary>
    public static string? Explain(HopReport hop) => hop.LossKind switch
    {
        LossKind.RateLimited => $"hop {hop.Ttl}: {hop.LossPercent:F1}% of its replies missing, but later hops lose less: the router limits the ICMP it sends, packets pass.",
        LossKind.Real => $"hop {hop.Ttl}: {hop.LossPercent:F1}% loss that continues to the last hop: real loss, starting at the first such hop.",
        _ => null,
    };

    public static string Json(LatencyKind kind) => kind switch
    {
        LatencyKind.Jump => "jump",
        LatencyKind.SlowReply => "slow_reply",
        _ => "none",
    };

    /// <summary>One sentence for a hop whose latency stands out; null when there is nothing to explain.</summary>
    public static string? ExplainLatency(HopReport hop, HopReport? before) => hop.LatencyKind switch
    {
        LatencyKind.Jump => string.Create(CultureInfo.InvariantCulture, $"hop {hop.Ttl}: latency rises to {hop.AvgMs:F1} ms{From(before)} and stays up to the last hop: the path adds it here."),
        LatencyKind.SlowReply => string.Create(CultureInfo.InvariantCulture, $"hop {hop.Ttl}: answers in {hop.AvgMs:F1} ms{From(before)}, but later hops are faster: the router is slow to reply, packets are not delayed."),
        _ => null,
    };

    private static string From(HopReport? before) =>
        before is { Received: > 0 } ? string.Create(CultureInfo.InvariantCulture, $" (hop {before.Ttl}: {before.AvgMs:F1} ms)") : string.Empty;

    /// <summary>PascalCase to snake_case (UdpErrorQueue → udp_error_queue).</summary>
    public static string Snake(string pascal)
    {
        var words = new StringBuilder();
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append('_');
            }

            words.Append(char.ToLowerInvariant(c));
        }

        return words.ToString();
    }
}
