using System.Net;
using System.Text.RegularExpressions;

namespace NetLens.Lab.Tests.Port;

/// <summary>Which program hardened the lab host: the three backends netlens must open ports through.</summary>
public enum OpenLabFirewall
{
    Nftables,
    IptablesNft,
    IptablesLegacy,
}

/// <summary>
/// Two namespaces on one veth: a hardened host (input policy drop, established and loopback accepted, ICMPv6 for
/// neighbour discovery, a DROP rule for port 22 that an accept must come before) and a client. Listeners on the host
/// wait on <see cref="Port"/> for TCP and UDP, IPv4 and IPv6. Built per test: each test changes the firewall.
/// </summary>
public sealed partial class OpenLab : IDisposable
{
    public const int Port = 8472;
    public static readonly IPAddress Host4 = IPAddress.Parse("198.18.72.1");
    public static readonly IPAddress Client4 = IPAddress.Parse("198.18.72.2");
    public static readonly IPAddress Host6 = IPAddress.Parse("2001:db8:72::1");
    public static readonly IPAddress Client6 = IPAddress.Parse("2001:db8:72::2");

    private readonly LabNamespace _host;
    private readonly LabNamespace _client;

    public OpenLab(OpenLabFirewall firewall, bool hardenOutput = false, bool hardenClient = false)
    {
        Firewall = firewall;
        _host = LabNamespace.Create("phost");
        try
        {
            _client = LabNamespace.Create("pcli");
            VethLink.Connect(_host, "ph0", _client, "pc0");
            _host.Ip($"addr add {Host4}/24 dev ph0");
            _client.Ip($"addr add {Client4}/24 dev pc0");
            _host.Ip($"addr add {Host6}/64 dev ph0 nodad");
            _client.Ip($"addr add {Client6}/64 dev pc0 nodad");
            Harden(_host, firewall, hardenOutput);
            if (hardenClient)
            {
                Harden(_client, firewall, hardenOutput);
            }
            Listeners = OpenTraffic.Listen(_host.Name, Port);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public OpenLabFirewall Firewall { get; }

    public string Host => _host.Name;

    public string Client => _client.Name;

    public OpenListeners Listeners { get; }

    /// <summary>The host's ruleset as its own tool lists it, counters blanked (traffic moves them) and save-time comments dropped.</summary>
    public string Ruleset() => Listing(_host, Firewall);

    public static string Listing(LabNamespace ns, OpenLabFirewall firewall) => firewall switch
    {
        OpenLabFirewall.Nftables => Check(ns.Exec("nft", "list", "ruleset")),
        _ => Normalize(Check(ns.Exec(Tool(firewall, "iptables", "save"))) + Check(ns.Exec(Tool(firewall, "ip6tables", "save")))),
    };

    /// <summary>Runs a program in the host namespace (nft, iptables-save…).</summary>
    public CommandResult ExecHost(string file, params string[] arguments) => _host.Exec(file, arguments);

    public static string Tool(OpenLabFirewall firewall, string family, string verb) =>
        $"{family}-{(firewall == OpenLabFirewall.IptablesLegacy ? "legacy" : "nft")}{(verb.Length > 0 ? "-" + verb : string.Empty)}";

    public static bool Available(OpenLabFirewall firewall) => firewall switch
    {
        OpenLabFirewall.Nftables => Shell.Run("sh", ["-c", "command -v nft"]).ExitCode == 0,
        _ => Shell.Run("sh", ["-c", $"command -v {Tool(firewall, "iptables", "restore")}"]).ExitCode == 0,
    };

    public void Dispose()
    {
        Listeners?.Dispose();
        _client?.Dispose();
        _host?.Dispose();
    }

    /// <summary>The same hardening in each backend's words; output policy drop too for the two-host case.</summary>
    private static void Harden(LabNamespace ns, OpenLabFirewall firewall, bool hardenOutput)
    {
        if (firewall == OpenLabFirewall.Nftables)
        {
            var output = hardenOutput
                ? " chain output { type filter hook output priority 0; policy drop; ct state established,related accept; oif lo accept; meta l4proto ipv6-icmp accept; }\n"
                : string.Empty;
            Check(Shell.Run("ip", ["netns", "exec", ns.Name, "nft", "-f", "-"], "table inet hard {\n chain input { type filter hook input priority 0; policy drop; ct state established,related accept; iif lo accept; meta l4proto ipv6-icmp accept; tcp dport 22 drop; }\n" + output + "}\n"));
            return;
        }

        foreach (var family in new[] { "iptables", "ip6tables" })
        {
            var icmp = family == "ip6tables" ? "-A INPUT -p ipv6-icmp -j ACCEPT\n" : string.Empty;
            var icmpOut = family == "ip6tables" ? "-A OUTPUT -p ipv6-icmp -j ACCEPT\n" : string.Empty;
            var output = hardenOutput ? $":OUTPUT DROP [0:0]\n-A OUTPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A OUTPUT -o lo -j ACCEPT\n{icmpOut}" : ":OUTPUT ACCEPT [0:0]\n";
            var text = $"*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n{output}-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -i lo -j ACCEPT\n{icmp}-A INPUT -p tcp -m tcp --dport 22 -j DROP\nCOMMIT\n";
            Check(Shell.Run("ip", ["netns", "exec", ns.Name, Tool(firewall, family, "restore")], text));
        }
    }

    private static string Normalize(string saved) =>
        Counters().Replace(string.Join('\n', saved.Split('\n').Where(l => !l.StartsWith('#'))), "[]");

    private static string Check(CommandResult result) =>
        result.ExitCode == 0 ? result.Stdout : throw new InvalidOperationException($"lab command failed: {result.Stderr}");

    [GeneratedRegex(@"\[\d+:\d+\]")]
    private static partial Regex Counters();
}
