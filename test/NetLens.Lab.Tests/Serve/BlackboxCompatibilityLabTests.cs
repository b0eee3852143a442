using System.Text.RegularExpressions;
using NetLens.Linux.Namespaces;

namespace NetLens.Lab.Tests.Serve;

/// <summary>
/// Debian's prometheus-blackbox-exporter and `netlens serve` side by side in one lab namespace, probing a target
/// namespace over a veth: for the same /probe URLs, the same metric names and label sets, and the same probe_success.
/// </summary>
public sealed partial class BlackboxCompatibilityLabTests
{
    private const string Blackbox = "/usr/bin/prometheus-blackbox-exporter";
    private const string Modules = """
        modules:
          icmp:
            prober: icmp
            timeout: 1s
            icmp:
              preferred_ip_protocol: ip4
          tcp_connect:
            prober: tcp
            timeout: 1s
        """;

    [SkippableFact]
    public void Serve_answers_probe_urls_with_the_metric_names_and_labels_of_blackbox_exporter()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(File.Exists(Blackbox), "prometheus-blackbox-exporter is not installed (.ci/run installs it)");
        using var probe = LabNamespace.Create("srvp");
        using var target = LabNamespace.Create("srvt");
        VethLink.Connect(probe, "nlsv0", target, "nlsv1");
        probe.Ip("addr add 198.18.91.1/24 dev nlsv0");
        target.Ip("addr add 198.18.91.2/24 dev nlsv1");
        var config = Path.Combine(Path.GetTempPath(), $"netlens-serve-{Environment.ProcessId}-{Random.Shared.Next():x}.yml");
        var blackboxConfig = config + ".blackbox.yml";

        // blackbox reads its config strictly: netlens's probe_allow goes only into netlens's copy.
        File.WriteAllText(blackboxConfig, Modules);
        File.WriteAllText(config, Modules + "\nprobe_allow: [198.18.91.0/24]\n");
        var network = NetworkContext.For(probe.Name);
        var netlensPort = ServeLab.FreePort(network);
        var blackboxPort = ServeLab.FreePort(network);
        var processes = new List<NamespacedProcess>();
        try
        {
            processes.Add(new NamespacedProcess(target.Name, "python3", ["-c", "import socket,time\ns=socket.socket()\ns.bind(('198.18.91.2',8080))\ns.listen()\ntime.sleep(120)"]));
            processes.Add(new NamespacedProcess(probe.Name, Blackbox, [$"--config.file={blackboxConfig}", $"--web.listen-address=127.0.0.1:{blackboxPort}"]));
            processes.Add(new NamespacedProcess(probe.Name, NativeBinary.Path, ["serve", "--config", config, "--listen", $"127.0.0.1:{netlensPort}"]));
            ServeLab.WaitListening(network, blackboxPort);
            ServeLab.WaitListening(network, netlensPort);

            foreach (var (query, up) in new[]
            {
                ("target=198.18.91.2&module=icmp", true),
                ("target=198.18.91.3&module=icmp", false),
                ("target=198.18.91.2:8080&module=tcp_connect", true),
                ("target=198.18.91.2:8081&module=tcp_connect", false),
            })
            {
                var expected = Series(ServeLab.Probe(network, blackboxPort, query));
                var actual = Series(ServeLab.Probe(network, netlensPort, query));
                Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
                Assert.Equal(up ? "1" : "0", expected["probe_success"]);
                Assert.Equal(expected["probe_success"], actual["probe_success"]);
                Assert.Equal(expected["probe_ip_addr_hash"], actual["probe_ip_addr_hash"]);
            }

            // Outside probe_allow: refused, no packet sent.
            Assert.StartsWith("HTTP/1.1 403", ServeLab.Probe(network, netlensPort, "target=198.51.100.1&module=icmp"), StringComparison.Ordinal);
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Dispose();
            }

            File.Delete(config);
            File.Delete(blackboxConfig);
        }
    }

    /// <summary>Each sample's name and label set (the HELP/TYPE lines too), mapped to its value.</summary>
    private static Dictionary<string, string> Series(string response)
    {
        var body = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        var series = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                series[line] = "";
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not an exposition line: {line}");
            series[match.Groups[1].Value] = match.Groups[2].Value;
        }

        return series;
    }

    // name{labels} value
    [GeneratedRegex(@"^(\S+(?:\{[^}]*\})?) (\S+)$")]
    private static partial Regex SampleLine();
}
