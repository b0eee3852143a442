using System.Globalization;
using System.Net;
using NetLens.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NetLens.Serve.Config;

/// <summary>
/// Reads blackbox.yml (blackbox_exporter's own format, as strict as it is: an unknown key is an error) plus netlens's
/// top-level keys. Errors are one line naming the file, the line and the key, raised as <see cref="UsageException"/>.
/// Only the node model is used, no reflection, so the reader is NativeAOT-safe.
/// </summary>
public static partial class ServeConfigReader
{
    private static readonly Dictionary<string, ProberKind> Probers = new(StringComparer.Ordinal)
    {
        ["icmp"] = ProberKind.Icmp,
        ["tcp"] = ProberKind.Tcp,
        ["http"] = ProberKind.Http,
        ["dns"] = ProberKind.Dns,
        ["grpc"] = ProberKind.Grpc,
        ["unix"] = ProberKind.Unix,
        ["websocket"] = ProberKind.Websocket,
        ["trace"] = ProberKind.Trace,
        ["udp"] = ProberKind.Udp,
        ["tcp_syn"] = ProberKind.TcpSyn,
    };

    private static readonly HashSet<string> ModuleKeys = ["prober", "timeout", "http", "tcp", "icmp", "dns", "grpc", "unix", "websocket", "trace", "udp", "tcp_syn"];
    private static readonly HashSet<string> IcmpKeys = ["preferred_ip_protocol", "ip_protocol_fallback", "source_ip_address", "payload_size", "dont_fragment", "ttl", "count", "interval"];
    private static readonly HashSet<string> TcpKeys = ["preferred_ip_protocol", "ip_protocol_fallback", "source_ip_address", "query_response", "tls", "tls_config"];

    public static ServeConfig ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read the config {InputText.Quote(path)}: {e.Message}");
        }

        return Read(text, path);
    }

    public static ServeConfig Read(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new UsageException($"{source}:{e.Start.Line}: {OneLine(e.Message)}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new ServeConfig(new Dictionary<string, ProbeModule>(), []);
        }

        var root = Map(stream.Documents[0].RootNode, source, "the top level");
        var modules = new Dictionary<string, ProbeModule>(StringComparer.Ordinal);
        var allow = new List<IPNetwork>();
        ContinuousSettings? continuous = null;
        var limits = LimitSettings.Default;
        foreach (var (keyNode, value) in root.Children)
        {
            var key = Scalar(keyNode, source, "a top-level key");
            switch (key)
            {
                case "modules":
                    foreach (var (nameNode, moduleNode) in Map(value, source, "modules").Children)
                    {
                        var name = Scalar(nameNode, source, "a module name");
                        modules[name] = Module(name, moduleNode, source);
                    }

                    break;
                case "probe_allow":
                    allow.AddRange(Sequence(value, source, "probe_allow").Select(n => Network(n, source)));
                    break;
                case "continuous":
                    continuous = ReadContinuous(value, source);
                    break;
                case "limits":
                    limits = ReadLimits(value, source);
                    break;
                default:
                    throw Error(source, keyNode, $"unknown key {InputText.Quote(key)} (known: modules, probe_allow, continuous, limits)");
            }
        }

        return new ServeConfig(modules, allow) { Continuous = continuous, Limits = limits };
    }

    private static ProbeModule Module(string name, YamlNode node, string source)
    {
        var map = Map(node, source, $"module {name}");
        foreach (var key in map.Children.Keys)
        {
            if (!ModuleKeys.Contains(Scalar(key, source, "a key")))
            {
                throw Error(source, key, $"module {name}: unknown key {InputText.Quote(Scalar(key, source, "a key"))}");
            }
        }

        var proberText = Get(map, "prober") is { } p ? Scalar(p, source, "prober") : "";
        if (!Probers.TryGetValue(proberText, out var prober))
        {
            throw Error(source, Get(map, "prober") ?? map, $"module {name}: unknown prober {InputText.Quote(proberText)} (known: {string.Join(", ", Probers.Keys)})");
        }

        var timeout = TimeSpan.Zero;
        if (Get(map, "timeout") is { } timeoutNode && !PrometheusDuration.TryParse(Scalar(timeoutNode, source, "timeout"), out timeout))
        {
            throw Error(source, timeoutNode, $"module {name}: timeout {InputText.Quote(Scalar(timeoutNode, source, "timeout"))} is not a duration such as 5s or 500ms");
        }

        // Blackbox's defaults for icmp and tcp: prefer IPv6, fall back to IPv4.
        var module = new ProbeModule(name, prober, timeout, new IpChoice("ip6", true, null));
        if (prober == ProberKind.Icmp && Get(map, "icmp") is { } icmpNode)
        {
            var icmp = Map(icmpNode, source, $"module {name} icmp");
            CheckKeys(icmp, IcmpKeys, source, $"module {name} icmp");
            var ip = Ip(icmp, source, name);
            var ttl = Int(icmp, "ttl", source, 64);
            var dontFragment = Bool(icmp, "dont_fragment", source, false);
            if (ttl is < 0 or > 255)
            {
                throw Error(source, icmp, $"module {name}: icmp ttl must be 0..255, not {ttl}");
            }

            if (dontFragment && ip.PreferredProtocol == "ip6")
            {
                throw Error(source, icmp, $"module {name}: dont_fragment is for IPv4 only (set preferred_ip_protocol: ip4)");
            }

            var payload = Int(icmp, "payload_size", source, 0);
            if (payload is < 0 or > 65000)
            {
                throw Error(source, icmp, $"module {name}: payload_size must be 0..65000, not {payload}");
            }

            module = module with { Ip = ip, Icmp = new IcmpSettings(payload, dontFragment, ttl == 0 ? 64 : ttl), IcmpSeries = ReadIcmpSeries(icmp, source, name, timeout) };
        }
        else if (prober == ProberKind.Tcp && Get(map, "tcp") is { } tcpNode)
        {
            var tcp = Map(tcpNode, source, $"module {name} tcp");
            CheckKeys(tcp, TcpKeys, source, $"module {name} tcp");
            module = module with { Ip = Ip(tcp, source, name), Tcp = new TcpSettings(Get(tcp, "query_response") is not null, Bool(tcp, "tls", source, false)) };
        }
        else if (prober is ProberKind.Udp or ProberKind.TcpSyn)
        {
            module = ReadPortModule(module, map, source);
        }

        else if (prober == ProberKind.Trace)
        {
            module = ReadTrace(module, map, source, name);
        }

        return module;
    }

    private static IpChoice Ip(YamlMappingNode map, string source, string module)
    {
        var preferred = Get(map, "preferred_ip_protocol") is { } p ? Scalar(p, source, "preferred_ip_protocol") : "ip6";
        if (preferred is not ("ip4" or "ip6" or ""))
        {
            throw Error(source, map, $"module {module}: preferred_ip_protocol must be ip4 or ip6, not {InputText.Quote(preferred)}");
        }

        IPAddress? address = null;
        if (Get(map, "source_ip_address") is { } s && !IPAddress.TryParse(Scalar(s, source, "source_ip_address"), out address))
        {
            throw Error(source, s, $"module {module}: source_ip_address {InputText.Quote(Scalar(s, source, "source_ip_address"))} is not an address");
        }

        return new IpChoice(preferred == "ip4" ? "ip4" : "ip6", Bool(map, "ip_protocol_fallback", source, true), address);
    }

    private static IPNetwork Network(YamlNode node, string source)
    {
        var text = Scalar(node, source, "a probe_allow entry");
        if (IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        }

        throw Error(source, node, $"probe_allow: {InputText.Quote(text)} is not a CIDR such as 198.18.0.0/15");
    }

    private static void CheckKeys(YamlMappingNode map, HashSet<string> known, string source, string where)
    {
        foreach (var key in map.Children.Keys)
        {
            var text = Scalar(key, source, "a key");
            if (!known.Contains(text))
            {
                throw Error(source, key, $"{where}: unknown key {InputText.Quote(text)}");
            }
        }
    }

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static int Int(YamlMappingNode map, string key, string source, int fallback)
    {
        if (Get(map, key) is not { } node)
        {
            return fallback;
        }

        var text = Scalar(node, source, key);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(source, node, $"{key}: {InputText.Quote(text)} is not a whole number");
    }

    private static bool Bool(YamlMappingNode map, string key, string source, bool fallback)
    {
        if (Get(map, key) is not { } node)
        {
            return fallback;
        }

        return Scalar(node, source, key) switch
        {
            "true" or "True" or "TRUE" or "yes" => true,
            "false" or "False" or "FALSE" or "no" => false,
            var text => throw Error(source, node, $"{key}: {InputText.Quote(text)} is not true or false"),
        };
    }

    private static YamlMappingNode Map(YamlNode node, string source, string what) =>
        node as YamlMappingNode ?? throw Error(source, node, $"{what} must be a mapping");

    private static IEnumerable<YamlNode> Sequence(YamlNode node, string source, string what) =>
        node as YamlSequenceNode ?? throw Error(source, node, $"{what} must be a list");

    private static string Scalar(YamlNode node, string source, string what) =>
        node is YamlScalarNode scalar ? scalar.Value ?? "" : throw Error(source, node, $"{what} must be a single value");

    private static UsageException Error(string source, YamlNode node, string message) => new($"{source}:{node.Start.Line}: {message}");

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
