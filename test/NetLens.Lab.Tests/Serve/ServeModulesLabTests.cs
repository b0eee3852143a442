using System.Globalization;
using System.Text.RegularExpressions;
using NetLens.Linux.Namespaces;
using NetLens.Serve.Config;
using NetLens.Serve.Probing;

namespace NetLens.Lab.Tests.Serve;

/// <summary>
/// netlens's own /probe modules against lab worlds whose truth the test sets up: loss injected by nft in the target
/// namespace, with the rule's counter as the count of echoes really dropped. One world per test, torn down after.
/// </summary>
public sealed partial class ServeModulesLabTests
{
    [SkippableFact]
    public async Task Icmp_count_reports_the_loss_nft_injected_within_ten_points()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var probe = LabNamespace.Create("smip");
        using var target = LabNamespace.Create("smit");
        VethLink.Connect(probe, "nlsm0", target, "nlsm1");
        probe.Ip("addr add 198.18.92.1/24 dev nlsm0");
        target.Ip("addr add 198.18.92.2/24 dev nlsm1");

        // 30 % of the echo requests dropped on arrival; the counter says how many really were.
        Assert.True(Shell.Run("ip", ["netns", "exec", target.Name, "nft", "-f", "-"], stdin: """
            table inet loss {
              chain input {
                type filter hook input priority 0;
                icmp type echo-request numgen random mod 100 < 30 counter drop
              }
            }
            """).ExitCode == 0, "nft could not load the loss rule");

        var config = ServeConfigReader.Read("""
            modules:
              loss:
                prober: icmp
                timeout: 4s
                icmp:
                  preferred_ip_protocol: ip4
                  count: 100
                  interval: 10ms
            probe_allow: [198.18.92.0/24]
            """, "lab.yml");
        var handler = new ProbeHandler(() => config, NetworkContext.For(probe.Name));
        var answer = await handler.HandleAsync(new Dictionary<string, string> { ["target"] = "198.18.92.2", ["module"] = "loss" }, "5", CancellationToken.None);

        var metrics = Samples(answer.Body);
        var dropped = int.Parse(DroppedPackets().Match(Shell.Run("ip", ["netns", "exec", target.Name, "nft", "list", "table", "inet", "loss"]).Stdout).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(100, metrics["probe_icmp_packets_sent"]);
        Assert.Equal(1, metrics["probe_success"]);
        var truth = dropped / 100.0;
        Assert.InRange(truth, 0.05, 0.6);
        Assert.InRange(metrics["probe_icmp_packet_loss_ratio"], truth - 0.10, truth + 0.10);
        Assert.Equal(100 - metrics["probe_icmp_packets_received"], metrics["probe_icmp_packet_loss_ratio"] * 100, 6);
        Assert.True(metrics["probe_icmp_rtt_seconds{stat=\"min\"}"] <= metrics["probe_icmp_rtt_seconds{stat=\"avg\"}"]);
        Assert.True(metrics["probe_icmp_rtt_seconds{stat=\"avg\"}"] <= metrics["probe_icmp_rtt_seconds{stat=\"max\"}"]);

        // The debug page shows the netlens keys in the module's configuration.
        var debug = await handler.HandleAsync(new Dictionary<string, string> { ["target"] = "198.18.92.2", ["module"] = "loss", ["debug"] = "true" }, "5", CancellationToken.None);
        Assert.Contains("  count: 100\n  interval: 0.01s\n", debug.Body, StringComparison.Ordinal);
    }

    private static Dictionary<string, double> Samples(string body) =>
        body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#'))
            .Select(l => SampleLine().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);

    // name{labels} value
    [GeneratedRegex(@"^(\S+(?:\{[^}]*\})?) (\S+)$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"counter packets (\d+)")]
    private static partial Regex DroppedPackets();
}
