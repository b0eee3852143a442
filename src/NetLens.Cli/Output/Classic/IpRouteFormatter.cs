using System.Net;
using System.Net.Sockets;
using System.Text;
using NetLens.Core.Addressing;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Names;

namespace NetLens.Cli.Output.Classic;

/// <summary>
/// One route as iproute2 6.1's `ip route` prints it (print_route), byte for byte, including the
/// space ip leaves after every word and the "\n    cache" line of cloned IPv4 `ip route get` answers.
/// </summary>
public sealed class IpRouteFormatter(InterfaceNames interfaces, IpNames names)
{
    public IpRouteFormatter(InterfaceNames interfaces)
        : this(interfaces, IpNames.Default)
    {
    }

    /// <summary>The route's line(s) with the final newline.</summary>
    public string Format(Route route, IpRouteFormatOptions options = default)
    {
        var sb = new StringBuilder(128);
        Append(sb, route, options);
        return sb.ToString();
    }

    /// <summary>Appends the route's line(s), ending with '\n'.</summary>
    public void Append(StringBuilder sb, Route route, IpRouteFormatOptions options = default)
    {
        var cloned = (route.Flags & RouteFlags.Cloned) != 0;
        if (route.Type != RouteType.Unicast || options.Details)
        {
            sb.Append(IpNames.RouteTypeName(route.Type)).Append(' ');
        }

        AppendDestination(sb, route);
        AppendSource(sb, route.Source);

        if (route.NexthopId is { } nhid)
        {
            sb.Append("nhid ").AppendNumber(nhid).Append(' ');
        }

        if (route.Tos != 0)
        {
            sb.Append("tos ").Append(names.DsFieldName(route.Tos)).Append(' ');
        }

        if (route.Gateway is { } gateway)
        {
            sb.Append("via ").AppendAddress(gateway).Append(' ');
        }

        if (route.Via is { } via)
        {
            AppendVia(sb, via);
        }

        if (route.OutputInterface is { } oif)
        {
            sb.Append("dev ").Append(InterfaceName(oif)).Append(' ');
        }

        if (route.Table != RouteTables.Unspecified && (route.Table != RouteTables.Main || options.Details) && !options.TableFilterActive)
        {
            sb.Append("table ").Append(names.TableName(route.Table)).Append(' ');
        }

        if (!cloned)
        {
            if (route.Protocol != RouteProtocols.Boot || options.Details)
            {
                sb.Append("proto ").Append(names.ProtocolName(route.Protocol)).Append(' ');
            }

            if (route.Scope != RouteScope.Universe || options.Details)
            {
                sb.Append("scope ").Append(names.ScopeName((byte)route.Scope)).Append(' ');
            }
        }

        if (route.PreferredSource is { } prefsrc)
        {
            sb.Append("src ").AppendAddress(prefsrc).Append(' ');
        }

        if (route.Priority is { } metric)
        {
            sb.Append("metric ").AppendNumber(metric).Append(' ');
        }

        IpRouteFlagWords.AppendRouteFlags(sb, route.Flags);

        if (route.Mark is { } mark and not 0)
        {
            // ip switches to hex from 16 up.
            if (mark >= 16)
            {
                sb.Append("mark 0x").AppendHex(mark).Append(' ');
            }
            else
            {
                sb.Append("mark ").AppendNumber(mark).Append(' ');
            }
        }

        if (route.Realms is { } realms)
        {
            AppendRealms(sb, realms);
        }

        if (route.Uid is { } uid)
        {
            sb.Append("uid ").AppendNumber(uid).Append(' ');
        }

        if (cloned && route.Family == AddressFamily.InterNetwork)
        {
            IpRouteFlagWords.AppendCacheFlags(sb, route.Flags);
        }

        if (route.ExpiresSeconds is { } expires)
        {
            sb.Append("expires ").AppendNumber((int)expires).Append("sec ");
        }

        IpRouteMetricsWriter.Append(sb, route);

        if (route.InputInterface is { } iif)
        {
            sb.Append("iif ").Append(InterfaceName(iif)).Append(' ');
        }

        if (route.Ipv6Preference is { } pref)
        {
            AppendPreference(sb, pref);
        }

        if (route.Nexthops.Count > 0)
        {
            AppendNexthops(sb, route, cloned);
        }

        sb.Append('\n');
    }

    private static void AppendDestination(StringBuilder sb, Route route)
    {
        var destination = route.Destination;
        if (destination.Length == 0)
        {
            // The kernel sends no RTA_DST for a /0, so ip prints "default".
            sb.Append("default ");
        }
        else if (!route.HasDestinationAttribute)
        {
            // ip's own format string already ends in a space here, so this prints two.
            sb.Append("0/").AppendNumber(destination.Length).Append("  ");
        }
        else
        {
            AppendPrefix(sb, destination).Append(' ');
        }
    }

    private static void AppendSource(StringBuilder sb, IpPrefix? source)
    {
        if (source is not { } from)
        {
            return;
        }

        sb.Append("from ");
        AppendPrefix(sb, from).Append(' ');
    }

    private static StringBuilder AppendPrefix(StringBuilder sb, IpPrefix prefix)
    {
        sb.AppendAddress(prefix.Address);
        return prefix.IsHost ? sb : sb.Append('/').AppendNumber(prefix.Length);
    }

    private static void AppendVia(StringBuilder sb, IPAddress via) =>
        sb.Append("via ").Append(via.AddressFamily == AddressFamily.InterNetworkV6 ? "inet6 " : "inet ").AppendAddress(via).Append(' ');

    private void AppendRealms(StringBuilder sb, uint flow)
    {
        var from = flow >> 16;
        var to = flow & 0xFFFF;
        if (from != 0)
        {
            sb.Append("realms ").Append(names.RealmName(from)).Append('/');
        }
        else
        {
            sb.Append("realm ");
        }

        sb.Append(names.RealmName(to)).Append(' ');
    }

    private static void AppendPreference(StringBuilder sb, byte pref)
    {
        // ICMPV6_ROUTER_PREF_*; an unknown value is printed bare, without "pref", as ip does.
        switch (pref)
        {
            case 3:
                sb.Append("pref low");
                break;
            case 0:
                sb.Append("pref medium");
                break;
            case 1:
                sb.Append("pref high");
                break;
            default:
                sb.AppendNumber((uint)pref);
                break;
        }
    }

    private void AppendNexthops(StringBuilder sb, Route route, bool cloned)
    {
        var multicastCache = cloned && route.Type == RouteType.Multicast;
        var nexthops = route.Nexthops;
        for (var i = 0; i < nexthops.Count; i++)
        {
            var nexthop = nexthops[i];
            if (multicastCache)
            {
                sb.Append(i == 0 ? "Oifs: " : " ");
            }
            else
            {
                sb.Append("\n\tnexthop ");
            }

            if (nexthop.Gateway is { } gateway)
            {
                sb.Append("via ").AppendAddress(gateway).Append(' ');
            }

            if (nexthop.Via is { } via)
            {
                AppendVia(sb, via);
            }

            if (nexthop.Realms is { } realms)
            {
                AppendRealms(sb, realms);
            }

            var device = InterfaceName(nexthop.OutputInterface ?? 0);
            if (multicastCache)
            {
                // For multicast cache entries rtnh_hops is the TTL threshold, not a weight.
                sb.Append(device);
                var ttl = nexthop.Weight - 1;
                if (ttl != 1)
                {
                    sb.Append("(ttl>").AppendNumber(ttl).Append(')');
                }

                sb.Append(' ');
            }
            else
            {
                sb.Append("dev ").Append(device).Append(' ');
                sb.Append("weight ").AppendNumber(nexthop.Weight).Append(' ');
            }

            IpRouteFlagWords.AppendRouteFlags(sb, nexthop.Flags);
        }
    }

    // ll_index_to_name prints "*" for index 0.
    private string InterfaceName(int index) => index == 0 ? "*" : interfaces.NameOf(index);
}
