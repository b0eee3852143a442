using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using NetLens.Linux.Namespaces;
using NetLens.Serve.Config;
using NetLens.Serve.Probing;

namespace NetLens.Lab.Tests.Serve;

/// <summary>
/// The udp and tcp_syn modules against a target namespace whose truth the test builds: a UDP service that answers, a
/// closed UDP port, a UDP port nft drops, and the same three for TCP. /probe's verdicts are checked against that truth and
/// against nmap -sU -sS run from the same namespace.
/// </summary>
public sealed partial class ServeUdpSynLabTests
{
    private const string Target = "198.18.97.2";

    private const string Modules = """
        modules:
          udp:
            prober: udp
            timeout: 1s
            udp:
              preferred_ip_protocol: ip4
              payload: "netlens"
          udp_strict:
            prober: udp
            timeout: 1s
            udp:
              preferred_ip_protocol: ip4
              expect_reply: true
          syn:
            prober: tcp_syn
            timeout: 2s
            tcp_syn:
              preferred_ip_protocol: ip4
        probe_allow: [198.18.97.0/24]
        """;

    // Binds every socket before it says ready; then echoes each UDP datagram. TCP 8080 only listens: the SYN/ACK is the kernel's.
    private const string Services = """
        import socket, sys
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('198.18.97.2', 5000))
        d = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); d.bind(('198.18.97.2', 5002))
        t = socket.socket(); t.bind(('198.18.97.2', 8080)); t.listen(16)
        print('ready', flush=True)
        while True:
            data, peer = u.recvfrom(65535)
            u.sendto(data, peer)
        """;

    [SkippableFact]
    public async Task Udp_and_tcp_syn_verdicts_match_the_lab_and_nmap()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var probe = LabNamespace.Create("sup");
        using var target = LabNamespace.Create("sut");
        VethLink.Connect(probe, "nlus0", target, "nlus1");
        probe.Ip("addr add 198.18.97.1/24 dev nlus0");
        target.Ip($"addr add {Target}/24 dev nlus1");

        // 5002 has a socket behind the drop, so only the filter makes it silent; 8082 has none, the drop hides its RST.
        Assert.True(Shell.Run("ip", ["netns", "exec", target.Name, "nft", "-f", "-"], stdin: """
            table inet lab {
              chain input {
                type filter hook input priority 0;
                udp dport 5002 drop
                tcp dport 8082 drop
              }
            }
            """).ExitCode == 0, "nft could not load the drop rules");

        using var services = StartServices(target);
        var config = ServeConfigReader.Read(Modules, "lab.yml");
        var handler = new ProbeHandler(() => config, NetworkContext.For(probe.Name));
        var nmap = Nmap(probe);

        foreach (var (port, module, success, state) in new[]
        {
            (5000, "udp", 1, "open"),
            (5001, "udp", 0, "closed"),
            (5002, "udp", 1, "open_filtered"),
            (5002, "udp_strict", 0, "open_filtered"),
            (8080, "syn", 1, "open"),
            (8081, "syn", 0, "closed"),
            (8082, "syn", 0, "filtered"),
        })
        {
            var metrics = await ProbeAsync(handler, $"{Target}:{port}", module);
            var family = module == "syn" ? "netlens_tcp_syn_state" : "netlens_udp_state";
            var protocol = module == "syn" ? "tcp" : "udp";
            Assert.True(success == metrics["probe_success"], $"{module} {port}: probe_success {metrics["probe_success"]}, expected {success}");
            Assert.Equal(1, metrics[$"{family}{{state=\"{state}\"}}"]);
            Assert.Equal(1, metrics.Where(m => m.Key.StartsWith(family + "{", StringComparison.Ordinal)).Sum(m => m.Value));
            Assert.Equal(4, metrics["probe_ip_protocol"]);

            // nmap names the same state (open|filtered for the label open_filtered).
            Assert.Equal(state.Replace('_', '|'), nmap[(port, protocol)]);
        }

        // The reply is the echo of the configured payload; the closed port's ICMP is destination (3) port unreachable (3).
        var open = await ProbeAsync(handler, $"{Target}:5000", "udp");
        Assert.Equal(7, open["probe_udp_reply_bytes"]);
        Assert.False(open.ContainsKey("probe_udp_icmp_type"));
        var closed = await ProbeAsync(handler, $"{Target}:5001", "udp");
        Assert.Equal(3, closed["probe_udp_icmp_type"]);
        Assert.Equal(3, closed["probe_udp_icmp_code"]);
        Assert.Equal(0, closed["probe_udp_reply_bytes"]);
    }

    [SkippableFact]
    public void Tcp_syn_without_cap_net_raw_fails_the_probe_and_logs_why()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(File.Exists("/usr/bin/setpriv"), "setpriv (util-linux) is not installed");
        using var probe = LabNamespace.Create("sun");
        using var target = LabNamespace.Create("sunt");
        VethLink.Connect(probe, "nlun0", target, "nlun1");
        probe.Ip("addr add 198.18.97.1/24 dev nlun0");
        target.Ip($"addr add {Target}/24 dev nlun1");
        var config = Path.Combine(Path.GetTempPath(), $"netlens-serve-syn-{Environment.ProcessId}-{Random.Shared.Next():x}.yml");
        File.WriteAllText(config, Modules);
        var network = NetworkContext.For(probe.Name);
        var port = ServeLab.FreePort(network);

        // root, but with CAP_NET_RAW out of every set: the raw socket is refused as for an unprivileged user
        var serve = Start(probe, "setpriv", "--inh-caps=-net_raw", "--bounding-set=-net_raw", NativeBinary.Path, "serve", "--config", config, "--listen", $"127.0.0.1:{port}");
        serve.Process.BeginOutputReadLine();
        serve.Process.BeginErrorReadLine();
        try
        {
            ServeLab.WaitListening(network, port);
            var answer = ServeLab.Probe(network, port, $"target={Target}:8080&module=syn&debug=true");

            Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
            Assert.Contains("\nprobe_success 0\n", answer, StringComparison.Ordinal);
            Assert.Contains("CAP_NET_RAW", answer, StringComparison.Ordinal);
            Assert.Contains("\nprober: tcp_syn\n", answer, StringComparison.Ordinal);

            // and the exporter is still up for the next scrape
            Assert.StartsWith("HTTP/1.1 200", ServeLab.Probe(network, port, $"target={Target}:8080&module=syn"), StringComparison.Ordinal);
            Assert.False(serve.HasExited);
        }
        finally
        {
            serve.Dispose();
            File.Delete(config);
        }
    }

    private static async Task<Dictionary<string, double>> ProbeAsync(ProbeHandler handler, string target, string module)
    {
        var answer = await handler.HandleAsync(new Dictionary<string, string> { ["target"] = target, ["module"] = module }, "5", CancellationToken.None);
        Assert.Equal(200, answer.Status);
        return answer.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#'))
            .Select(l => SampleLine().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    /// <summary>nmap's state for each port, from its grepable output (-oG): "5000/open/udp//…".</summary>
    private static Dictionary<(int Port, string Protocol), string> Nmap(LabNamespace probe)
    {
        var result = Shell.Run("ip", ["netns", "exec", probe.Name, "nmap", "-n", "-Pn", "-sU", "-sS", "-T4", "-p", "U:5000-5002,T:8080-8082", Target, "-oG", "-"], timeout: TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, $"nmap failed: {result.Stderr}");
        return NmapPort().Matches(result.Stdout).ToDictionary(
            m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[3].Value), m => m.Groups[2].Value);
    }

    private static LabProcess StartServices(LabNamespace target)
    {
        var services = Start(target, "python3", "-c", Services);
        var ready = services.Process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(10)) || ready.Result != "ready")
        {
            services.Dispose();
            Assert.Fail("the lab services did not start (python3 in the target namespace)");
        }

        return services;
    }

    private static LabProcess Start(LabNamespace lab, string file, params string[] arguments)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["netns", "exec", lab.Name, file, .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        return new LabProcess(Process.Start(info)!);
    }

    /// <summary>A process the test started in a lab namespace, killed with its children when the test ends.</summary>
    private sealed class LabProcess(Process process) : IDisposable
    {
        public Process Process { get; } = process;

        public bool HasExited => Process.HasExited;

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }
    }

    // name{labels} value
    [GeneratedRegex(@"^(\S+(?:\{[^}]*\})?) (\S+)$")]
    private static partial Regex SampleLine();

    // 5000/open/udp//  or  5002/open|filtered/udp//
    [GeneratedRegex(@"(\d+)/([a-z|]+)/(tcp|udp)/")]
    private static partial Regex NmapPort();
}
