using System.Buffers.Binary;
using System.Net;
using NetLens.Core.Addressing;
using NetLens.Core.Routing;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.Routing;

/// <summary>Decodes RTM_NEWROUTE: struct rtmsg and the RTA_* attributes (linux/rtnetlink.h).</summary>
internal static class RouteMessage
{
    /// <summary>A cached exception (RTM_F_CLONED): dumps leave those out, as ip route does.</summary>
    public static bool IsCloned(ReadOnlySpan<byte> payload) =>
        payload.Length >= Rtnetlink.RtmsgLength && (BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]) & Rtnetlink.RTM_F_CLONED) != 0;

    /// <summary>For dumps: every route except cached clones.</summary>
    public static Route? DecodeForDump(in NetlinkMessage message) =>
        message.Type == Rtnetlink.RTM_NEWROUTE && !IsCloned(message.Payload) ? Decode(message.Payload) : null;

    /// <summary>
    /// For dumps that are kept: as <see cref="DecodeForDump(in NetlinkMessage)"/>, with one IPAddress object per distinct IPv4 gateway
    /// and preferred source (a 200k-route table names a few hundred gateways).
    /// </summary>
    public static Route? DecodeForDump(in NetlinkMessage message, Dictionary<uint, IPAddress> ipv4Addresses) =>
        message.Type == Rtnetlink.RTM_NEWROUTE && !IsCloned(message.Payload) ? Decode(message.Payload, ipv4Addresses) : null;

    /// <summary>For lookups: the kernel's answer, clone or not.</summary>
    public static Route? DecodeAnswer(in NetlinkMessage message) =>
        message.Type == Rtnetlink.RTM_NEWROUTE ? Decode(message.Payload) : null;

    public static Route Decode(ReadOnlySpan<byte> payload, Dictionary<uint, IPAddress>? ipv4Addresses = null)
    {
        if (payload.Length < Rtnetlink.RtmsgLength)
        {
            throw new InvalidDataException("truncated struct rtmsg");
        }

        var family = payload[0];
        var dstLength = payload[1];
        var srcLength = payload[2];
        uint table = payload[4];
        IPAddress? destination = null;
        IPAddress? source = null;
        IPAddress? gateway = null;
        IPAddress? via = null;
        IPAddress? preferredSource = null;
        int? outputInterface = null;
        int? inputInterface = null;
        uint? priority = null;
        uint? mark = null;
        uint? uid = null;
        uint? realms = null;
        uint? nexthopId = null;
        uint? expires = null;
        byte? preference = null;
        ushort? encapType = null;
        uint lockedMetrics = 0;
        IReadOnlyList<RouteMetric> metrics = [];
        IReadOnlyList<Nexthop> nexthops = [];

        var attributes = new NetlinkAttributeReader(payload[Rtnetlink.RtmsgLength..]);
        while (attributes.MoveNext())
        {
            var value = attributes.Value;
            switch (attributes.Type)
            {
                case Rtnetlink.RTA_DST:
                    destination = NetlinkAttribute.Address(value);
                    break;
                case Rtnetlink.RTA_SRC:
                    source = NetlinkAttribute.Address(value);
                    break;
                case Rtnetlink.RTA_GATEWAY:
                    gateway = Shared(value, ipv4Addresses);
                    break;
                case Rtnetlink.RTA_VIA:
                    via = DecodeVia(value);
                    break;
                case Rtnetlink.RTA_PREFSRC:
                    preferredSource = Shared(value, ipv4Addresses);
                    break;
                case Rtnetlink.RTA_OIF:
                    outputInterface = (int)NetlinkAttribute.U32(value);
                    break;
                case Rtnetlink.RTA_IIF:
                    inputInterface = (int)NetlinkAttribute.U32(value);
                    break;
                case Rtnetlink.RTA_TABLE:
                    table = NetlinkAttribute.U32(value);
                    break;
                case Rtnetlink.RTA_PRIORITY:
                    priority = NetlinkAttribute.U32(value);
                    break;
                case Rtnetlink.RTA_MARK:
                    mark = NetlinkAttribute.U32(value);
                    break;
                case Rtnetlink.RTA_UID:
                    uid = NetlinkAttribute.U32(value);
                    break;
                case Rtnetlink.RTA_FLOW:
                    realms = NetlinkAttribute.U32(value);
                    break;
                case Rtnetlink.RTA_NH_ID:
                    nexthopId = NetlinkAttribute.U32(value);
                    break;
                case Rtnetlink.RTA_PREF:
                    preference = NetlinkAttribute.U8(value);
                    break;
                case Rtnetlink.RTA_ENCAP_TYPE:
                    encapType = NetlinkAttribute.U16(value);
                    break;
                case Rtnetlink.RTA_CACHEINFO:
                    expires ??= CacheInfoExpires(value);
                    break;
                case Rtnetlink.RTA_EXPIRES:
                    expires = value.Length >= 8 ? (uint)(NetlinkAttribute.U64(value) / Rtnetlink.UserHz) : NetlinkAttribute.U32(value);
                    break;
                case Rtnetlink.RTA_METRICS:
                    metrics = DecodeMetrics(value, out lockedMetrics);
                    break;
                case Rtnetlink.RTA_MULTIPATH:
                    nexthops = DecodeMultipath(value);
                    break;
                default:
                    break;
            }
        }

        return new Route
        {
            Family = RtnetlinkFamily.ToAddressFamily(family),
            Type = (RouteType)payload[7],
            Table = table,
            Destination = new IpPrefix(destination ?? RtnetlinkFamily.Any(family), dstLength),
            HasDestinationAttribute = destination is not null,
            Source = source is not null ? new IpPrefix(source, srcLength) : null,
            Tos = payload[3],
            Protocol = payload[5],
            Scope = (RouteScope)payload[6],
            Flags = (RouteFlags)BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]),
            Priority = priority,
            Gateway = gateway,
            Via = via,
            OutputInterface = outputInterface,
            InputInterface = inputInterface,
            PreferredSource = preferredSource,
            Nexthops = nexthops,
            NexthopId = nexthopId,
            Mark = mark,
            Uid = uid,
            Realms = realms,
            Ipv6Preference = preference,
            ExpiresSeconds = expires,
            Metrics = metrics,
            LockedMetrics = lockedMetrics,
            EncapType = encapType,
        };
    }

    /// <summary>An IPv4 address from <paramref name="known"/> when it was seen before (IPAddress is immutable).</summary>
    private static IPAddress? Shared(ReadOnlySpan<byte> value, Dictionary<uint, IPAddress>? known)
    {
        if (known is null || value.Length != 4)
        {
            return NetlinkAttribute.Address(value);
        }

        var bits = BinaryPrimitives.ReadUInt32BigEndian(value);
        if (!known.TryGetValue(bits, out var address))
        {
            address = new IPAddress(value);
            known.Add(bits, address);
        }

        return address;
    }

    /// <summary>struct rtvia: a u16 address family, then the address.</summary>
    private static IPAddress? DecodeVia(ReadOnlySpan<byte> value) =>
        value.Length > 2 ? NetlinkAttribute.Address(value[2..]) : null;

    /// <summary>struct rta_cacheinfo: rta_expires is the third 32-bit field, signed, in clock_t; 0 means never.</summary>
    private static uint? CacheInfoExpires(ReadOnlySpan<byte> value)
    {
        if (value.Length < 12)
        {
            return null;
        }

        var ticks = BinaryPrimitives.ReadInt32LittleEndian(value[8..]);
        return ticks == 0 ? null : (uint)Math.Max(0, ticks / Rtnetlink.UserHz);
    }

    /// <summary>Nested RTAX_* u32 values; RTAX_LOCK is the bitmask of locked metrics, RTAX_CC_ALGO a name (not a number), left out.</summary>
    private static List<RouteMetric> DecodeMetrics(ReadOnlySpan<byte> value, out uint locked)
    {
        locked = 0;
        var metrics = new List<RouteMetric>(4);
        var nested = new NetlinkAttributeReader(value);
        while (nested.MoveNext())
        {
            switch (nested.Type)
            {
                case Rtnetlink.RTAX_LOCK:
                    locked = NetlinkAttribute.U32(nested.Value);
                    break;
                case Rtnetlink.RTAX_CC_ALGO:
                    break;
                default:
                    metrics.Add(new RouteMetric(nested.Type, NetlinkAttribute.U32(nested.Value)));
                    break;
            }
        }

        return metrics;
    }

    /// <summary>A run of struct rtnexthop (len, flags, hops, ifindex), each followed by its own RTA_* attributes, RTNH_ALIGNed.</summary>
    private static List<Nexthop> DecodeMultipath(ReadOnlySpan<byte> value)
    {
        var nexthops = new List<Nexthop>(2);
        while (value.Length >= 8)
        {
            int length = BinaryPrimitives.ReadUInt16LittleEndian(value);
            if (length < 8 || length > value.Length)
            {
                break;
            }

            IPAddress? gateway = null;
            IPAddress? via = null;
            uint? realms = null;
            var attributes = new NetlinkAttributeReader(value[8..length]);
            while (attributes.MoveNext())
            {
                switch (attributes.Type)
                {
                    case Rtnetlink.RTA_GATEWAY:
                        gateway = NetlinkAttribute.Address(attributes.Value);
                        break;
                    case Rtnetlink.RTA_VIA:
                        via = DecodeVia(attributes.Value);
                        break;
                    case Rtnetlink.RTA_FLOW:
                        realms = NetlinkAttribute.U32(attributes.Value);
                        break;
                    default:
                        break;
                }
            }

            var ifindex = BinaryPrimitives.ReadInt32LittleEndian(value[4..]);
            nexthops.Add(new Nexthop
            {
                Gateway = gateway,
                Via = via,
                OutputInterface = ifindex == 0 ? null : ifindex,
                Weight = value[3] + 1,
                Flags = (RouteFlags)value[2],
                Realms = realms,
            });
            var next = NetlinkConstants.Align(length);
            value = next >= value.Length ? [] : value[next..];
        }

        return nexthops;
    }
}
