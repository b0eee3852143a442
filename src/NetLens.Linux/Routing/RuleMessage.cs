using System.Buffers.Binary;
using System.Net;
using NetLens.Core.Addressing;
using NetLens.Core.Routing;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.Routing;

/// <summary>Decodes RTM_NEWRULE: struct fib_rule_hdr and the FRA_* attributes (linux/fib_rules.h).</summary>
internal static class RuleMessage
{
    private const uint Unset = uint.MaxValue;

    public static PolicyRule? DecodeForDump(in NetlinkMessage message) =>
        message.Type == Rtnetlink.RTM_NEWRULE ? Decode(message.Payload) : null;

    public static PolicyRule Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < Rtnetlink.FibRuleHeaderLength)
        {
            throw new InvalidDataException("truncated struct fib_rule_hdr");
        }

        var flags = BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]);
        uint table = payload[4];
        uint priority = 0;
        IPAddress? from = null;
        IPAddress? to = null;
        uint? fwMark = null;
        uint? fwMask = null;
        string? inputInterface = null;
        string? outputInterface = null;
        PortRange? uidRange = null;
        PortRange? sourcePorts = null;
        PortRange? destinationPorts = null;
        byte? ipProtocol = null;
        int? suppressPrefixLength = null;
        uint? suppressGroup = null;
        uint? gotoPriority = null;
        var l3mdev = false;
        byte protocol = 0;
        uint? realms = null;

        var attributes = new NetlinkAttributeReader(payload[Rtnetlink.FibRuleHeaderLength..]);
        while (attributes.MoveNext())
        {
            var value = attributes.Value;
            switch (attributes.Type)
            {
                case Rtnetlink.FRA_PRIORITY:
                    priority = NetlinkAttribute.U32(value);
                    break;
                case Rtnetlink.FRA_TABLE:
                    table = NetlinkAttribute.U32(value);
                    break;
                case Rtnetlink.FRA_SRC:
                    from = NetlinkAttribute.Address(value);
                    break;
                case Rtnetlink.FRA_DST:
                    to = NetlinkAttribute.Address(value);
                    break;
                case Rtnetlink.FRA_FWMARK:
                    fwMark = NetlinkAttribute.U32(value);
                    break;
                case Rtnetlink.FRA_FWMASK:
                    fwMask = NetlinkAttribute.U32(value);
                    break;
                case Rtnetlink.FRA_IIFNAME:
                    inputInterface = NetlinkAttribute.String(value);
                    break;
                case Rtnetlink.FRA_OIFNAME:
                    outputInterface = NetlinkAttribute.String(value);
                    break;
                case Rtnetlink.FRA_UID_RANGE when value.Length >= 8:
                    // struct fib_rule_uid_range: two u32
                    uidRange = new PortRange(NetlinkAttribute.U32(value), NetlinkAttribute.U32(value[4..]));
                    break;
                case Rtnetlink.FRA_SPORT_RANGE when value.Length >= 4:
                    // struct fib_rule_port_range: two u16 in host order
                    sourcePorts = new PortRange(NetlinkAttribute.U16(value), NetlinkAttribute.U16(value[2..]));
                    break;
                case Rtnetlink.FRA_DPORT_RANGE when value.Length >= 4:
                    destinationPorts = new PortRange(NetlinkAttribute.U16(value), NetlinkAttribute.U16(value[2..]));
                    break;
                case Rtnetlink.FRA_IP_PROTO:
                    ipProtocol = NetlinkAttribute.U8(value);
                    break;
                case Rtnetlink.FRA_SUPPRESS_PREFIXLEN:
                    var length = NetlinkAttribute.U32(value);
                    suppressPrefixLength = length == Unset ? null : (int)length;
                    break;
                case Rtnetlink.FRA_SUPPRESS_IFGROUP:
                    var group = NetlinkAttribute.U32(value);
                    suppressGroup = group == Unset ? null : group;
                    break;
                case Rtnetlink.FRA_GOTO:
                    gotoPriority = NetlinkAttribute.U32(value);
                    break;
                case Rtnetlink.FRA_L3MDEV:
                    l3mdev = NetlinkAttribute.U8(value) != 0;
                    break;
                case Rtnetlink.FRA_PROTOCOL:
                    protocol = NetlinkAttribute.U8(value);
                    break;
                case Rtnetlink.FRA_FLOW:
                    realms = NetlinkAttribute.U32(value);
                    break;
                default:
                    break;
            }
        }

        return new PolicyRule
        {
            Family = RtnetlinkFamily.ToAddressFamily(payload[0]),
            Priority = priority,
            Table = table,
            Action = (RuleAction)payload[7],
            Invert = (flags & Rtnetlink.FIB_RULE_INVERT) != 0,
            Flags = flags,
            From = from is not null ? new IpPrefix(from, payload[2]) : null,
            To = to is not null ? new IpPrefix(to, payload[1]) : null,
            Tos = payload[3],
            FwMark = fwMark,
            FwMask = fwMask,
            InputInterface = inputInterface,
            OutputInterface = outputInterface,
            UidRange = uidRange,
            SourcePorts = sourcePorts,
            DestinationPorts = destinationPorts,
            IpProtocol = ipProtocol,
            SuppressPrefixLength = suppressPrefixLength,
            SuppressInterfaceGroup = suppressGroup,
            GotoPriority = gotoPriority,
            L3MasterDevice = l3mdev,
            Protocol = protocol,
            Realms = realms,
        };
    }
}
