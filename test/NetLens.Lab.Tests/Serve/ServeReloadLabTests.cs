using System.Diagnostics;
using System.Text;
using NetLens.Linux.Namespaces;

namespace NetLens.Lab.Tests.Serve;

/// <summary>
/// The native `netlens serve` reloading its config: POST /-/reload swaps in a new module, a broken file sent by SIGHUP
/// keeps the old config answering and sets the reload gauges to 0, a GET on the reload route is refused.
/// </summary>
public class ServeReloadLabTests
{
    private const string FirstConfig = "modules:\n  icmp:\n    prober: icmp\nprobe_allow: [127.0.0.1/32]\n";
    private const string SecondConfig = "modules:\n  icmp:\n    prober: icmp\n  tcp_new:\n    prober: tcp\n    timeout: 2s\nprobe_allow: [127.0.0.1/32]\n";

    [SkippableFact]
    public void Post_reload_swaps_the_config_and_a_bad_one_on_sighup_keeps_the_old()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = LabNamespace.Create("srl");
        lab.Ip("link set lo up");
        var network = NetworkContext.For(lab.Name);
        var config = Path.Combine(Path.GetTempPath(), $"netlens-reload-{Environment.ProcessId}-{Random.Shared.Next():x}.yml");
        File.WriteAllText(config, FirstConfig);
        const int port = 19115;
        var info = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["netns", "exec", lab.Name, NativeBinary.Path, "serve", "--config", config, "--listen", $"127.0.0.1:{port}"])
        {
            info.ArgumentList.Add(argument);
        }

        var log = new StringBuilder();
        using var serve = Process.Start(info)!;
        serve.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        serve.BeginErrorReadLine();
        serve.BeginOutputReadLine();
        try
        {
            ServeLab.WaitListening(network, port);
            var probe = $"GET /probe?target=127.0.0.1:{port}&module=tcp_new";
            Assert.StartsWith("HTTP/1.1 400", ServeLab.Request(network, port, probe), StringComparison.Ordinal);

            File.WriteAllText(config, SecondConfig);
            Assert.StartsWith("HTTP/1.1 405", ServeLab.Request(network, port, "GET /-/reload"), StringComparison.Ordinal);
            Assert.StartsWith("HTTP/1.1 200", ServeLab.Request(network, port, "POST /-/reload"), StringComparison.Ordinal);
            var answer = ServeLab.Request(network, port, probe);
            Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
            Assert.Contains("\nprobe_success 1\n", answer, StringComparison.Ordinal);
            Assert.Contains("\nnetlens_config_last_reload_successful 1\n", ServeLab.Request(network, port, "GET /metrics"), StringComparison.Ordinal);

            File.WriteAllText(config, SecondConfig.Replace("prober: tcp", "prober: carrier_pigeon", StringComparison.Ordinal));
            Shell.Check("kill", ["-HUP", FindServe(serve.Id).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            var metrics = "";
            var deadline = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
            while (!metrics.Contains("\nnetlens_config_last_reload_successful 0\n", StringComparison.Ordinal) && Stopwatch.GetTimestamp() < deadline)
            {
                Thread.Sleep(100);
                metrics = ServeLab.Request(network, port, "GET /metrics");
            }

            Assert.Contains("\nnetlens_config_last_reload_successful 0\n", metrics, StringComparison.Ordinal);
            Assert.Contains("\nblackbox_exporter_config_last_reload_successful 0\n", metrics, StringComparison.Ordinal);
            Assert.Contains("\nprobe_success 1\n", ServeLab.Request(network, port, probe), StringComparison.Ordinal);
            Assert.False(serve.HasExited, "serve died on SIGHUP");
            lock (log)
            {
                Assert.Contains("the old config keeps running", log.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            serve.WaitForExit();
            File.Delete(config);
        }
    }

    /// <summary>`ip netns exec` execs netlens in place, but look among the children too in case it forks.</summary>
    private static int FindServe(int launched)
    {
        var children = Path.Combine("/proc", launched.ToString(System.Globalization.CultureInfo.InvariantCulture), "task", launched.ToString(System.Globalization.CultureInfo.InvariantCulture), "children");
        var text = File.Exists(children) ? File.ReadAllText(children).Trim() : "";
        return text.Length > 0 ? int.Parse(text.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) : launched;
    }
}
