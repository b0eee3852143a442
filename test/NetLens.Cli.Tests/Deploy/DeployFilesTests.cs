using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NetLens.Cli.Hosting;
using NetLens.Serve;
using NetLens.Serve.Config;
using YamlDotNet.RepresentationModel;

namespace NetLens.Cli.Tests.Deploy;

/// <summary>
/// deploy/: every file parses, the configs load through the real reader, the unit and the DaemonSet run the real
/// command line, and every metric a PromQL expression names is one netlens exports — taken from a real /probe and
/// /metrics answer of an in-process `netlens serve` on loopback (with a continuous target), or, for the series still being built
/// (trace), from the string literals in src/NetLens.Serve that name them.
/// </summary>
public sealed partial class DeployFilesTests
{
    private static readonly string Root = FindRoot();
    private static readonly string DeployDir = Path.Combine(Root, "deploy");

    [Fact]
    public void Every_yaml_file_parses_with_at_least_one_document()
    {
        var files = Directory.EnumerateFiles(DeployDir, "*.y*ml", SearchOption.AllDirectories).ToList();
        Assert.True(files.Count >= 7, $"expected the deploy YAML files, found {files.Count}");
        foreach (var file in files)
        {
            var documents = LoadYaml(file);
            Assert.True(documents.Count >= 1, $"{file}: no YAML document");
            Assert.All(documents, d => Assert.IsType<YamlMappingNode>(d.RootNode));
        }
    }

    [Fact]
    public void The_dashboard_is_json_with_an_expression_in_every_panel()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row").ToList();
        Assert.NotEmpty(panels);
        Assert.All(panels, p => Assert.Contains(p.GetProperty("targets").EnumerateArray(), t => !string.IsNullOrWhiteSpace(t.GetProperty("expr").GetString())));
        var ids = dashboard.RootElement.GetProperty("panels").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void The_example_serve_yml_loads_through_the_real_reader()
    {
        var config = ServeConfigReader.ReadFile(Path.Combine(DeployDir, "serve.yml"));

        Assert.Equal(ProberKind.Icmp, config.Modules["icmp"].Prober);
        Assert.Equal(20, config.Modules["icmp_loss"].IcmpSeries.Count);
        Assert.Null(config.Modules["tcp_connect"].Unsupported);
        Assert.Equal("http prober not supported", config.Modules["http_2xx"].Unsupported);
        Assert.True(config.Allows(IPAddress.Parse("198.18.0.1")));
        Assert.False(config.Allows(IPAddress.Parse("192.0.2.1")));
    }

    [Fact]
    public void The_continuous_example_loads_up_to_its_continuous_block_which_has_the_documented_shape()
    {
        var path = Path.Combine(DeployDir, "serve-continuous.yml");
        var config = ServeConfigReader.ReadFile(path);
        Assert.NotEmpty(config.Modules);
        Assert.NotNull(config.Continuous);

        var root = (YamlMappingNode)LoadYaml(path)[0].RootNode;
        Assert.Equal("continuous", ((YamlScalarNode)root.Children.Keys.Last()).Value);
        var continuous = (YamlMappingNode)root["continuous"];
        Assert.True(PrometheusDuration.TryParse(((YamlScalarNode)continuous["interval"]).Value!, out var interval) && interval == TimeSpan.FromSeconds(1));
        Assert.All((YamlSequenceNode)continuous["targets"], t => Assert.True(IPAddress.TryParse(((YamlScalarNode)t).Value, out _)));
        var files = ((YamlSequenceNode)continuous["file_sd_configs"]).Cast<YamlMappingNode>().SelectMany(c => (YamlSequenceNode)c["files"]).ToList();
        Assert.NotEmpty(files);
        Assert.Equal(TimeSpan.FromSeconds(60), config.Continuous.Trace?.Interval);
    }

    [Fact]
    public void The_daemonset_runs_serve_with_its_configmap_on_the_host_network_with_net_raw_only()
    {
        var documents = LoadYaml(Path.Combine(DeployDir, "kubernetes", "daemonset.yaml")).Select(d => (YamlMappingNode)d.RootNode).ToList();
        var configMap = documents.Single(d => Text(d, "kind") == "ConfigMap");
        var daemonSet = documents.Single(d => Text(d, "kind") == "DaemonSet");
        var pod = Map(daemonSet, "spec", "template", "spec");
        var container = (YamlMappingNode)((YamlSequenceNode)pod["containers"]).Single();

        Assert.Equal("true", Text(pod, "hostNetwork"));
        Assert.Equal("true", Text(Map(pod, "securityContext"), "runAsNonRoot"));
        var capabilities = Map(container, "securityContext", "capabilities");
        Assert.Equal(["NET_RAW"], Strings(capabilities["add"]));
        Assert.Equal(["ALL"], Strings(capabilities["drop"]));
        Assert.Equal("/metrics", Text(Map(container, "readinessProbe", "httpGet"), "path"));

        // The container's arguments are a command line the real CLI accepts, and its --config is the ConfigMap's file.
        var args = Strings(container["args"]);
        AssertServeCommandLine(args);
        var mount = ((YamlSequenceNode)container["volumeMounts"]).Cast<YamlMappingNode>().Single();
        var configPath = args[args.IndexOf("--config") + 1];
        Assert.Equal(Text(mount, "mountPath"), Path.GetDirectoryName(configPath));
        var serveYml = Text(Map(configMap, "data"), Path.GetFileName(configPath));
        var config = ServeConfigReader.Read(serveYml, "daemonset.yaml ConfigMap");

        // Every module the Probe CR and the /probe scrape jobs ask for is one the ConfigMap's config has.
        var probe = (YamlMappingNode)LoadYaml(Path.Combine(DeployDir, "kubernetes", "probe.yaml"))[0].RootNode;
        Assert.Equal("Probe", Text(probe, "kind"));
        var asked = new List<string> { Text(Map(probe, "spec"), "module") };
        var scrape = (YamlMappingNode)LoadYaml(ScrapePath)[0].RootNode;
        var probeJobs = ((YamlSequenceNode)scrape["scrape_configs"]).Cast<YamlMappingNode>().Where(j => Text(j, "metrics_path") == "/probe").ToList();
        Assert.NotEmpty(probeJobs);
        asked.AddRange(probeJobs.SelectMany(j => Strings(Map(j, "params")["module"])));
        Assert.All(asked, m => Assert.True(config.Modules.ContainsKey(m), $"module {m} is not in the ConfigMap's serve.yml"));
    }

    [Fact]
    public void The_probe_scrape_jobs_move_the_target_into_the_target_parameter_as_for_blackbox()
    {
        var scrape = LoadYamlMap(ScrapePath);
        var jobs = ((YamlSequenceNode)scrape["scrape_configs"]).Cast<YamlMappingNode>().ToList();
        foreach (var job in jobs.Where(j => Text(j, "metrics_path") == "/probe"))
        {
            var relabels = ((YamlSequenceNode)job["relabel_configs"]).Cast<YamlMappingNode>().ToList();
            Assert.Contains(relabels, r => Text(r, "target_label") == "__param_target" && Strings(r["source_labels"]).SequenceEqual(["__address__"]));
            Assert.Contains(relabels, r => Text(r, "target_label") == "instance" && Strings(r["source_labels"]).SequenceEqual(["__param_target"]));
            Assert.Contains(relabels, r => Text(r, "target_label") == "__address__" && Text(r, "replacement").EndsWith(":9115", StringComparison.Ordinal));
        }

        Assert.Contains(jobs, j => Text(j, "metrics_path") == "/metrics");
        var monitor = LoadYamlMap(Path.Combine(DeployDir, "kubernetes", "podmonitor.yaml"));
        Assert.Equal("PodMonitor", Text(monitor, "kind"));
        Assert.Equal("/metrics", Text((YamlMappingNode)((YamlSequenceNode)Map(monitor, "spec")["podMetricsEndpoints"]).Single(), "path"));
    }

    [Fact]
    public void The_scrape_jobs_pass_promtool_check_config()
    {
        // Debian's promtool is built without Kubernetes service discovery: the jobs that use it are left out of its check.
        var scrape = LoadYamlMap(ScrapePath);
        var jobs = (YamlSequenceNode)scrape["scrape_configs"];
        var checkable = new YamlSequenceNode(jobs.Cast<YamlMappingNode>().Where(j => !j.Children.ContainsKey(new YamlScalarNode("kubernetes_sd_configs"))));
        Assert.NotEmpty(checkable);
        var text = new StringWriter();
        new YamlStream(new YamlDocument(new YamlMappingNode(new YamlScalarNode("scrape_configs"), checkable))).Save(text, assignAnchors: false);
        var file = Path.Combine(Path.GetTempPath(), $"netlens-scrape-{Environment.ProcessId}.yml");
        File.WriteAllText(file, text.ToString());
        try
        {
            var (code, stdout, stderr) = Run("promtool", ["check", "config", "--syntax-only", file]);
            Assert.True(code == 0, $"promtool check config: exit {code}: {stdout}{stderr}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void The_systemd_unit_runs_serve_with_net_raw_only_and_reloads_by_sighup()
    {
        var unitPath = Path.Combine(DeployDir, "systemd", "netlens-serve.service");
        var unit = ReadIni(File.ReadAllText(unitPath));
        var service = unit["Service"];

        Assert.Equal("CAP_NET_RAW", service["AmbientCapabilities"]);
        Assert.Equal("CAP_NET_RAW", service["CapabilityBoundingSet"]);
        Assert.Equal("yes", service["NoNewPrivileges"]);
        Assert.Equal("strict", service["ProtectSystem"]);
        Assert.Equal("yes", service["DynamicUser"]);
        Assert.Equal("/bin/kill -HUP $MAINPID", service["ExecReload"]);
        Assert.Equal("multi-user.target", unit["Install"]["WantedBy"]);
        var exec = service["ExecStart"].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.Equal("/usr/bin/netlens", exec[0]);
        AssertServeCommandLine(exec[1..]);

        // systemd's own check where it is installed: an unknown key or a bad value is a line on stderr.
        if (File.Exists("/usr/bin/systemd-analyze"))
        {
            var dir = Directory.CreateTempSubdirectory("netlens-unit-");
            try
            {
                // verify wants ExecStart's binary to exist: any executable stands in for /usr/bin/netlens.
                var copy = Path.Combine(dir.FullName, "netlens-serve.service");
                File.WriteAllText(copy, File.ReadAllText(unitPath).Replace("/usr/bin/netlens ", "/bin/sh ", StringComparison.Ordinal));
                var (code, _, stderr) = Run("/usr/bin/systemd-analyze", ["verify", "--man=no", copy]);
                Assert.True(code == 0 && stderr.Length == 0, $"systemd-analyze verify: exit {code}: {stderr}");
            }
            finally
            {
                dir.Delete(recursive: true);
            }
        }
    }

    [Fact]
    public void Every_promql_expression_parses_as_promql()
    {
        // promtool (Debian's prometheus package, which .ci/run installs) parses rule expressions: the dashboard's
        // queries go through it as recording rules, Grafana's variables replaced by values.
        var rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        foreach (var (expr, i) in DashboardExpressions().Select((e, i) => (e, i)))
        {
            var plain = GrafanaVariable().Replace(expr, m => m.Value.Contains("interval", StringComparison.Ordinal) ? "5m" : "x");
            rules.Append("      - record: dashboard_").Append(i).Append("\n        expr: ").Append(JsonSerializer.Serialize(plain)).Append('\n');
        }

        var file = Path.Combine(Path.GetTempPath(), $"netlens-dashboard-rules-{Environment.ProcessId}.yml");
        File.WriteAllText(file, rules.ToString());
        try
        {
            var (code, stdout, stderr) = Run("promtool", ["check", "rules", file, RulesPath]);
            Assert.True(code == 0, $"promtool check rules: exit {code}: {stdout}{stderr}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Every_metric_a_promql_expression_names_is_one_netlens_exports()
    {
        // Given the names in a real exposition: /probe for an icmp and a tcp module against loopback, and /metrics.
        var exported = await ExportedNamesAsync();
        Assert.Contains("probe_success", exported);
        Assert.Contains("probe_icmp_duration_seconds", exported);

        // And the names of the series being built now, as the source spells them.
        var sources = string.Join('\n', Directory.EnumerateFiles(Path.Combine(Root, "src", "NetLens.Serve"), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText));

        // When every expression of the dashboard, its variables and the rules is read for metric names,
        var expressions = DashboardExpressions().Concat(DashboardVariableQueries()).Concat(RuleExpressions()).ToList();
        Assert.True(expressions.Count >= 15, $"only {expressions.Count} expressions found");
        var missing = new List<string>();
        foreach (var expression in expressions)
        {
            var names = MetricName().Matches(expression).Select(m => m.Value).Where(n => !n.Contains(':', StringComparison.Ordinal)).ToList();
            var recorded = MetricName().Matches(expression).Any(m => m.Value.Contains(':', StringComparison.Ordinal));
            Assert.True(names.Count > 0 || recorded, $"no metric name found in {expression}");
            foreach (var name in names)
            {
                var family = HistogramSuffix().Replace(name, "");
                var known = exported.Contains(name)
                    || (Pending().IsMatch(name) && sources.Contains($"\"{family}\"", StringComparison.Ordinal));
                if (!known)
                {
                    missing.Add($"{name} (in {expression})");
                }
            }
        }

        // Then each is exported, or named in src/NetLens.Serve when it is a series still being built.
        Assert.True(missing.Count == 0, "metrics netlens does not export:\n" + string.Join('\n', missing.Distinct()));
    }

    /// <summary>Runs an in-process `netlens serve` on 127.0.0.1 and collects the metric names of its answers from their TYPE lines.</summary>
    private static async Task<HashSet<string>> ExportedNamesAsync()
    {
        using var tcpTarget = new TcpListener(IPAddress.Loopback, 0);
        tcpTarget.Start();
        var tcpPort = ((IPEndPoint)tcpTarget.LocalEndpoint).Port;
        var configPath = Path.Combine(Path.GetTempPath(), $"netlens-deploy-serve-{Environment.ProcessId}.yml");
        File.WriteAllText(configPath, """
            modules:
              icmp:
                prober: icmp
                timeout: 2s
                icmp:
                  preferred_ip_protocol: ip4
              icmp_loss:
                prober: icmp
                timeout: 2s
                icmp:
                  preferred_ip_protocol: ip4
                  count: 3
                  interval: 10ms
              tcp_connect:
                prober: tcp
                timeout: 2s
                tcp:
                  preferred_ip_protocol: ip4
            probe_allow: [127.0.0.0/8]
            continuous:
              interval: 100ms
              targets: [127.0.0.1]
            """);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var host = ServeHost.Start(new ServeRequest(configPath, new IPEndPoint(IPAddress.Loopback, 0), null), TextWriter.Null);
        var running = host.RunAsync(stop.Token);
        try
        {
            var port = ((IPEndPoint)host.LocalEndPoint).Port;
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var path in new[] { "/probe?target=127.0.0.1&module=icmp", "/probe?target=127.0.0.1&module=icmp_loss", $"/probe?target=127.0.0.1:{tcpPort}&module=tcp_connect", "/metrics" })
            {
                var body = await http.GetStringAsync(path, stop.Token);
                if (path.StartsWith("/probe", StringComparison.Ordinal))
                {
                    Assert.Contains("\nprobe_success 1\n", "\n" + body, StringComparison.Ordinal);
                }

                foreach (Match type in TypeLine().Matches(body))
                {
                    var name = type.Groups[1].Value;
                    names.Add(name);
                    if (type.Groups[2].Value is "histogram" or "summary")
                    {
                        names.UnionWith([name + "_bucket", name + "_sum", name + "_count"]);
                    }
                }
            }

            return names;
        }
        finally
        {
            await stop.CancelAsync();
            await running;
            File.Delete(configPath);
        }
    }

    /// <summary>The real CLI parses <paramref name="args"/> as `serve` with no error, and --listen is an ADDRESS:PORT serve accepts.</summary>
    private static void AssertServeCommandLine(IReadOnlyList<string> args)
    {
        Assert.Equal("serve", args[0]);
        var parse = NetLensApp.BuildRoot(new CliOutput(TextWriter.Null, TextWriter.Null, outputRedirected: true)).Parse([.. args]);
        Assert.Empty(parse.Errors);
        Assert.Equal("serve", parse.CommandResult.Command.Name);
        var listen = args[args.ToList().IndexOf("--listen") + 1];
        Assert.True(IPEndPoint.TryParse(listen, out var endpoint) && endpoint.Port == 9115, $"--listen {listen}");
        Assert.Equal("/etc/netlens/serve.yml", args[args.ToList().IndexOf("--config") + 1]);
    }

    private static string DashboardPath => Path.Combine(DeployDir, "grafana", "netlens-dashboard.json");

    private static string RulesPath => Path.Combine(DeployDir, "prometheus", "netlens-rules.yml");

    private static string ScrapePath => Path.Combine(DeployDir, "kubernetes", "prometheus-scrape.yaml");

    private static List<string> DashboardExpressions()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        return dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!).ToList();
    }

    /// <summary>Grafana's label_values(metric{…}, label) queries: not PromQL, but they name metrics too.</summary>
    private static List<string> DashboardVariableQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        return dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Where(v => v.GetProperty("type").GetString() == "query")
            .Select(v => v.GetProperty("query").GetProperty("query").GetString()!).ToList();
    }

    private static List<string> RuleExpressions() =>
        ((YamlSequenceNode)LoadYamlMap(RulesPath)["groups"]).Cast<YamlMappingNode>()
            .SelectMany(g => ((YamlSequenceNode)g["rules"]).Cast<YamlMappingNode>())
            .Select(r => Text(r, "expr")).ToList();

    private static List<YamlDocument> LoadYaml(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        return [.. stream.Documents];
    }

    private static YamlMappingNode LoadYamlMap(string path) => (YamlMappingNode)LoadYaml(path)[0].RootNode;

    private static YamlMappingNode Map(YamlMappingNode node, params string[] keys) =>
        keys.Aggregate(node, (n, key) => (YamlMappingNode)n[key]);

    private static string Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value ?? "" : "";

    private static List<string> Strings(YamlNode node) => [.. ((YamlSequenceNode)node).Select(n => ((YamlScalarNode)n).Value ?? "")];

    /// <summary>A systemd unit as sections of key=value (a key given twice keeps the last, enough for these keys).</summary>
    private static Dictionary<string, Dictionary<string, string>> ReadIni(string text)
    {
        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? current = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                current = sections[line.Trim('[', ']')] = new Dictionary<string, string>(StringComparer.Ordinal);
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(current is not null && equals > 0, $"not a unit line: {line}");
            current![line[..equals]] = line[(equals + 1)..];
        }

        return sections;
    }

    private static (int Code, string Stdout, string Stderr) Run(string file, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NetLens.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (NetLens.slnx) above " + AppContext.BaseDirectory);
    }

    // Every metric netlens exports begins with one of these; label names and PromQL functions do not. A recording
    // rule's name (level:metric:operations) has colons and is a name the rules file itself defines.
    [GeneratedRegex(@"(?<![\w:])(?:[a-z_]+:)?(?:probe|netlens|process|blackbox)_[A-Za-z0-9_:]*")]
    private static partial Regex MetricName();

    // The series being built now (continuous, trace): checked against the source until they are exported.
    [GeneratedRegex("^probe_trace_")]
    private static partial Regex Pending();

    [GeneratedRegex("_(?:bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();

    [GeneratedRegex(@"^# TYPE (\S+) (\S+)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"\$\{?\w+\}?")]
    private static partial Regex GrafanaVariable();
}
