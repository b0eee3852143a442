using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NetLens.Linux.Firewall;

namespace NetLens.Linux.Netfilter;

/// <summary>Which packets to trace: the probe's addresses, protocol and port (null port: ICMP echo requests).</summary>
public sealed record NftTraceSelector(IPAddress? Source, IPAddress Destination, ProtocolType Protocol, int? Port)
{
    /// <summary>The rule's match, as tight as the probe: "ip saddr S ip daddr D tcp dport P".</summary>
    public string Match()
    {
        var v6 = Destination.AddressFamily == AddressFamily.InterNetworkV6;
        var ip = v6 ? "ip6" : "ip";
        var source = Source is null ? string.Empty : $"{ip} saddr {Source} ";
        var transport = (Protocol, Port) switch
        {
            (ProtocolType.Tcp, { } port) => string.Create(CultureInfo.InvariantCulture, $" tcp dport {port}"),
            (ProtocolType.Udp, { } port) => string.Create(CultureInfo.InvariantCulture, $" udp dport {port}"),
            _ => v6 ? " icmpv6 type echo-request" : " icmp type echo-request",
        };
        return $"{source}{ip} daddr {Destination}{transport}";
    }
}

/// <summary>
/// netlens's own table for tracing: `table inet netlens_trace_PID_N` with two chains hooked before everything else
/// (prerouting and output at priority raw - 1 = -301, so the mark is set before any other table sees the packet)
/// holding one rule `… meta nftrace set 1` that matches only the probe. Added and deleted with `nft -f` (nftables' own
/// interface); the ruleset is listed before and after, and a difference is reported rather than hidden.
/// </summary>
public sealed class NftTraceTable : IDisposable
{
    public const string NamePrefix = "netlens_trace_";

    private const int Priority = -301;

    private readonly FirewallTool _tool;
    private readonly string _before;
    private bool _removed;

    private NftTraceTable(FirewallTool tool, string name, string before)
    {
        _tool = tool;
        Name = name;
        _before = before;
    }

    public string Name { get; }

    /// <summary>What doctor's trace table is, in nft's syntax (for the unit test and --verbose alike).</summary>
    public static string Ruleset(string name, NftTraceSelector selector)
    {
        var rule = $"{selector.Match()} meta nftrace set 1";
        return string.Create(CultureInfo.InvariantCulture, $$"""
            table inet {{name}} {
                chain prerouting { type filter hook prerouting priority {{Priority}}; policy accept; {{rule}}; }
                chain output { type filter hook output priority {{Priority}}; policy accept; {{rule}}; }
            }

            """);
    }

    /// <summary>Adds the table in the tool's namespace; throws <see cref="IOException"/> or MissingPrivilegeException when nft cannot.</summary>
    public static NftTraceTable Add(FirewallTool tool, NftTraceSelector selector)
    {
        if (!FirewallTool.Exists("nft"))
        {
            throw new IOException("nft is not installed");
        }

        var before = List(tool);
        var name = string.Create(CultureInfo.InvariantCulture, $"{NamePrefix}{Environment.ProcessId}_{Random.Shared.Next(0x10000):x4}");
        var added = tool.Run("nft", ["-f", "-"], Ruleset(name, selector));
        if (!added.Succeeded)
        {
            throw FirewallTool.Failure("nft", ["-f", "-"], added);
        }

        return new NftTraceTable(tool, name, before);
    }

    /// <summary>Deletes the table; null when the ruleset is as it was before, else what differs (the table could not be deleted, or something else changed meanwhile).</summary>
    public string? Remove()
    {
        if (_removed)
        {
            return null;
        }

        _removed = true;
        var deleted = _tool.Run("nft", ["-f", "-"], $"delete table inet {Name}\n");
        if (!deleted.Succeeded)
        {
            return $"the trace table inet {Name} could not be deleted: {FirewallTool.OneLine(deleted.Stderr)}";
        }

        return List(_tool) == _before ? null : "the ruleset changed while the probes ran (not by netlens: its table is gone)";
    }

    public void Dispose() => Remove();

    /// <summary>The ruleset without counter values (-s): the probes themselves move counters, and that is no change of the ruleset.</summary>
    private static string List(FirewallTool tool) => tool.Check("nft", ["-s", "list", "ruleset"]);
}
