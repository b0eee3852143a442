using System.Net.Sockets;
using NetLens.Core.Addressing;
using NetLens.Core.Firewall.Rulesets;
using NetLens.Core.Firewall.Spec;

namespace NetLens.Core.Firewall.Planning;

/// <summary>
/// One accept netlens wants, whatever the backend: at <see cref="Hook"/>, for these ports, from (input) or to (output)
/// <see cref="Remote"/> when given, on the link <see cref="Device"/> names when the remote came with a zone
/// (fe80::1%eth0: a link-local address means nothing without its link). <see cref="Comment"/> names it in the
/// ruleset, so it is found again and removed alone.
/// </summary>
public sealed record PortRule(FirewallHook Hook, FirewallProtocol Protocol, IReadOnlyList<PortRange> Ranges, IpPrefix? Remote, string? Device = null)
{
    /// <summary>The mark every netlens rule's comment starts with.</summary>
    public const string CommentPrefix = "netlens ";

    private const int MaxPortsText = 40;

    public string PortsText => Protocol.IsIcmp() ? IcmpTypeText ?? "any" : PortRange.Join(Ranges);

    /// <summary>The ICMP type's name ("echo-request"); null for every type, or a protocol with ports.</summary>
    public string? IcmpTypeText => Protocol.IsIcmp() && Ranges is [var type] ? IcmpTypes.Name(type.Low, Protocol == FirewallProtocol.Icmpv6) : null;

    /// <summary>The ports for a message: the list, or "1000 ports 20000..21998" when the list is long.</summary>
    public string PortsLabel => Protocol.IsIcmp() ? IcmpTypeText ?? "(every type)"
        : PortsText.Length <= MaxPortsText ? PortsText : $"{Ranges.Sum(r => r.Count)} ports {Ranges[0].Low}..{Ranges[^1].High}";

    public string Comment
    {
        get
        {
            var ports = PortsText.Length <= MaxPortsText
                ? PortsText
                : $"{Ranges.Sum(r => r.Count)} ports {Ranges[0].Low}..{Ranges[^1].High} #{Fnv1a(PortsText):x8}";
            var remote = Remote is { } r ? (Hook == FirewallHook.Input ? " from " : " to ") + PrefixText(r) + (Device is { } d ? "%" + d : string.Empty) : string.Empty;
            return $"{CommentPrefix}{(Hook == FirewallHook.Input ? "in" : "out")} {Protocol.Word()} {ports}{remote}";
        }
    }

    /// <summary>Which IP families the rule applies to: the remote's, or both; ICMP is IPv4's, ICMPv6 IPv6's.</summary>
    public bool AppliesTo(AddressFamily family) =>
        (Remote is not { } r || r.Family == family)
        && Protocol switch
        {
            FirewallProtocol.Icmp => family == AddressFamily.InterNetwork,
            FirewallProtocol.Icmpv6 => family == AddressFamily.InterNetworkV6,
            _ => true,
        };

    public static string PrefixText(IpPrefix prefix) => $"{prefix.Address}/{prefix.Length}";

    /// <summary>The rules one open asks for: one per hook and protocol.</summary>
    public static IReadOnlyList<PortRule> For(ResolvedPorts ports, PortDirection direction, IpPrefix? remote, string? device = null)
    {
        var hooks = direction switch
        {
            PortDirection.In => new[] { FirewallHook.Input },
            PortDirection.Out => [FirewallHook.Output],
            _ => [FirewallHook.Input, FirewallHook.Output],
        };
        return [.. hooks.SelectMany(h => ports.Groups.Select(g => new PortRule(h, g.Protocol, g.Ranges, remote, device)))];
    }

    // FNV-1a: a stable short name for a long port list (string.GetHashCode changes per process)
    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
