using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NetLens.Linux.Namespaces;

namespace NetLens.Lab.Tests.Serve;

/// <summary>
/// A real Prometheus (Debian's) scraping the native `netlens serve` in a lab namespace: continuous echoes at 50 Hz to a
/// target losing 30 % of its echo requests to an nft rule (the rule's counters are the truth), to a healthy one listed
/// in a file_sd file, and /probe icmp scrapes of a healthy and a blocked target. PromQL over what Prometheus stored
/// must give the loss within ±5 points of the counters, probe_success 1 and 0, and an RTT histogram.
/// </summary>
public partial class ServeContinuousLabTests
{
    private const string Prometheus = "/usr/bin/prometheus";
    private const int ServePort = 19131;
    private const int PrometheusPort = 19132;

    [SkippableFact]
    public void Prometheus_stores_the_injected_loss_within_five_points_and_probe_success_per_target()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(File.Exists(Prometheus), "prometheus is not installed (.ci/run installs it)");
        using var source = LabNamespace.Create("scs");
        using var target = LabNamespace.Create("sct");
        VethLink.Connect(source, "eth0", target, "eth0");
        source.Ip("link set lo up");
        source.Ip("addr add 198.18.80.1/24 dev eth0");
        source.Ip("link set eth0 up");
        target.Ip("link set lo up");
        foreach (var address in (string[])["198.18.80.2/24", "198.18.80.3/24", "198.18.80.4/24"])
        {
            target.Ip($"addr add {address} dev eth0");
        }

        target.Ip("link set eth0 up");
        Assert.True(Shell.Run("ip", ["netns", "exec", target.Name, "nft", "-f", "-"], stdin: """
            table inet netlens_scl {
                counter lossy_all {
                }
                counter lossy_dropped {
                }
                chain input {
                    type filter hook input priority 0; policy accept;
                    ip daddr 198.18.80.2 icmp type echo-request counter name lossy_all
                    ip daddr 198.18.80.2 icmp type echo-request numgen random mod 100 < 30 counter name lossy_dropped drop
                    ip daddr 198.18.80.4 icmp type echo-request drop
                }
            }

            """).ExitCode == 0, "nft could not load the loss rules");

        var directory = ServeLab.TempPath("scl");
        Directory.CreateDirectory(Path.Combine(directory, "sd"));
        try
        {
            var config = Path.Combine(directory, "serve.yml");
            File.WriteAllText(config, $"""
                modules:
                  icmp:
                    prober: icmp
                    timeout: 1s
                    icmp:
                      preferred_ip_protocol: ip4
                probe_allow: [198.18.80.0/24]
                continuous:
                  interval: 20ms
                  targets: [198.18.80.2]
                  file_sd_configs:
                    - files: [{directory}/sd/*.json]
                """);

            // Written as Prometheus's tooling writes: a temporary file renamed over the target.
            File.WriteAllText(Path.Combine(directory, "sd", "t.json.tmp"), """[{"targets": ["198.18.80.3"], "labels": {"site": "lab"}}]""");
            File.Move(Path.Combine(directory, "sd", "t.json.tmp"), Path.Combine(directory, "sd", "t.json"));
            var prometheusConfig = Path.Combine(directory, "prometheus.yml");
            File.WriteAllText(prometheusConfig, $"""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: netlens
                    static_configs:
                      - targets: ['127.0.0.1:{ServePort}']
                  - job_name: probe
                    metrics_path: /probe
                    params:
                      module: [icmp]
                    static_configs:
                      - targets: ['198.18.80.3', '198.18.80.4']
                    relabel_configs:
                      - source_labels: [__address__]
                        target_label: __param_target
                      - source_labels: [__param_target]
                        target_label: instance
                      - target_label: __address__
                        replacement: 127.0.0.1:{ServePort}
                """);

            var network = NetworkContext.For(source.Name);
            using var serve = new NamespacedProcess(source.Name, NativeBinary.Path, ["serve", "--config", config, "--listen", $"127.0.0.1:{ServePort}"]);
            ServeLab.WaitListening(network, ServePort);
            using (var prometheus = new NamespacedProcess(source.Name, Prometheus,
                [$"--config.file={prometheusConfig}", $"--storage.tsdb.path={directory}/tsdb", $"--web.listen-address=127.0.0.1:{PrometheusPort}"]))
            {
                ServeLab.WaitListening(network, PrometheusPort);
                Thread.Sleep(TimeSpan.FromSeconds(14));
                var truth = Counters(target);

                var lossy = Query(network, "1 - netlens_probes_received_total{target=\"198.18.80.2\"} / netlens_probes_sent_total{target=\"198.18.80.2\"}");
                var healthy = Query(network, "1 - netlens_probes_received_total{target=\"198.18.80.3\",name=\"198.18.80.3\"} / netlens_probes_sent_total{target=\"198.18.80.3\"}");
                var rate = Query(network, "rate(netlens_probes_sent_total{target=\"198.18.80.2\"}[5s])");
                var median = Query(network, "histogram_quantile(0.5, rate(netlens_rtt_seconds_bucket{target=\"198.18.80.3\"}[10s]))");
                var upSuccess = Query(network, "min_over_time(probe_success{instance=\"198.18.80.3\"}[1m])");
                var blockedSuccess = Query(network, "max_over_time(probe_success{instance=\"198.18.80.4\"}[1m])");
                var injected = (double)truth.Dropped / truth.All;

                var context = $"nft: {truth.Dropped}/{truth.All} dropped; serve log:\n{serve.Log}\nprometheus log tail:\n{Tail(prometheus.Log)}";
                Assert.True(truth.All > 300, context);
                Assert.True(Math.Abs(lossy - injected) <= 0.05, $"stored loss {lossy:F3} vs injected {injected:F3}; {context}");
                Assert.True(healthy <= 0.05, $"healthy target's stored loss {healthy}; {context}");
                Assert.InRange(rate, 40, 60);
                Assert.InRange(median, 0.0000001, 0.01);
                Assert.Equal(1, upSuccess);
                Assert.Equal(0, blockedSuccess);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>An instant query's single value, via Prometheus's HTTP API.</summary>
    private static double Query(NetworkContext network, string promql)
    {
        var answer = ServeLab.Request(network, PrometheusPort, $"GET /api/v1/query?query={Uri.EscapeDataString(promql)}");
        var body = answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        using var json = JsonDocument.Parse(body);
        var result = json.RootElement.GetProperty("data").GetProperty("result");
        Assert.True(result.GetArrayLength() == 1, $"{promql}: {body}");
        return double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    private static (long All, long Dropped) Counters(LabNamespace target)
    {
        var listing = Shell.Run("ip", ["netns", "exec", target.Name, "nft", "list", "table", "inet", "netlens_scl"]).Stdout;
        var counters = CounterPattern().Matches(listing).ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        return (counters["lossy_all"], counters["lossy_dropped"]);
    }

    private static string Tail(string log) => string.Join('\n', log.Split('\n').TakeLast(15));

    [GeneratedRegex(@"counter (\w+) \{\s*packets (\d+)")]
    private static partial Regex CounterPattern();
}
