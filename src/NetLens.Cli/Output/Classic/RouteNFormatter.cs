using System.Net.Sockets;
using System.Text;
using NetLens.Core.Addressing;
using NetLens.Core.Routing;

namespace NetLens.Cli.Output.Classic;

/// <summary>
/// `route -n` (net-tools 2.10) for IPv4. net-tools reads /proc/net/route, which the kernel builds from
/// table main only, skipping broadcast and multicast entries; this builds the same rows from netlink routes.
/// </summary>
public sealed class RouteNFormatter(InterfaceNames interfaces)
{
    public const string Header =
        "Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n";

    // RTF_* as /proc/net/route reports them (fib_flag_trans).
    private const uint RtfUp = 0x1;
    private const uint RtfGateway = 0x2;
    private const uint RtfHost = 0x4;
    private const uint RtfReject = 0x200;

    /// <summary>The whole `route -n` output for a dump (any tables, both families; kernel order).</summary>
    public string Format(IReadOnlyList<Route> dump)
    {
        var sb = new StringBuilder(Header.Length + (dump.Count * 80));
        sb.Append(Header);
        for (var i = 0; i < dump.Count; i++)
        {
            if (IsListed(dump[i]))
            {
                AppendRow(sb, dump[i]);
            }
        }

        return sb.ToString();
    }

    /// <summary>Whether /proc/net/route has a line for this route.</summary>
    public static bool IsListed(Route route) =>
        route.Family == AddressFamily.InterNetwork
        && route.Table == RouteTables.Main
        && (route.Flags & RouteFlags.Cloned) == 0
        && route.Type is not (RouteType.Broadcast or RouteType.Multicast);

    /// <summary>The RTF_* flags the kernel writes for the route in /proc/net/route.</summary>
    public static uint ProcFlags(Route route)
    {
        var flags = route.Type is RouteType.Unreachable or RouteType.Prohibit ? RtfReject : 0;
        var first = route.Nexthops.Count > 0 ? route.Nexthops[0] : null;

        // Any gateway family counts (an RTA_VIA IPv6 nexthop sets G but prints 0.0.0.0).
        if ((first is null ? route.Gateway ?? route.Via : first.Gateway ?? first.Via) is not null)
        {
            flags |= RtfGateway;
        }

        if (route.Destination.Length == 32)
        {
            flags |= RtfHost;
        }

        return flags | RtfUp;
    }

    public void AppendRow(StringBuilder sb, Route route)
    {
        var flags = ProcFlags(route);
        var first = route.Nexthops.Count > 0 ? route.Nexthops[0] : null;
        var gateway = first is null ? route.Gateway : first.Gateway;
        var oif = first is null ? route.OutputInterface : first.OutputInterface;

        Span<char> buffer = stackalloc char[64];
        sb.AppendLeft(Truncate15(ClassicText.FormatAddress(route.Destination.Address, buffer)), 15).Append(' ');
        var metric = ClassicText.FormatInt(unchecked((int)(route.Priority ?? 0)), buffer[48..]);
        if ((flags & RtfReject) != 0)
        {
            // net-tools prints dashes for the gateway, Ref and Iface of a reject route.
            sb.Append("-               ");
            AppendMask(sb, route.Destination.Length, buffer);
            sb.AppendLeft(FlagLetters(flags), 5).Append(' ');
            sb.AppendLeft(metric, 6).Append(" -        0 -\n");
            return;
        }

        var gatewayText = gateway is not null && gateway.AddressFamily == AddressFamily.InterNetwork
            ? ClassicText.FormatAddress(gateway, buffer[16..])
            : "0.0.0.0";
        sb.AppendLeft(gatewayText, 15).Append(' ');
        AppendMask(sb, route.Destination.Length, buffer[32..]);
        sb.AppendLeft(FlagLetters(flags), 5).Append(' ');
        sb.AppendLeft(metric, 6).Append(' ');
        sb.Append("0        0 ");
        sb.Append(oif is { } index and not 0 ? interfaces.NameOf(index) : "*").Append('\n');
    }

    private static void AppendMask(StringBuilder sb, int length, Span<char> buffer) =>
        sb.AppendLeft(ClassicText.FormatAddress(PrefixBits.Ipv4Mask(length), buffer), 15).Append(' ');

    private static ReadOnlySpan<char> Truncate15(ReadOnlySpan<char> text) => text.Length > 15 ? text[..15] : text;

    // net-tools: U, G, then "!" replaces everything for reject routes, then H.
    private static string FlagLetters(uint flags) => (flags & (RtfReject | RtfGateway | RtfHost)) switch
    {
        0 => "U",
        RtfGateway => "UG",
        RtfHost => "UH",
        RtfGateway | RtfHost => "UGH",
        RtfReject or (RtfReject | RtfGateway) => "!",
        _ => "!H",
    };
}
