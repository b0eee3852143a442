using System.Buffers.Binary;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.Netfilter;

/// <summary>
/// Decodes NFT_MSG_TRACE (linux/netfilter/nf_tables.h, sent to NFNLGRP_NFTRACE): struct nfgenmsg, then the
/// NFTA_TRACE_* attributes, every integer in network byte order (the kernel puts them with nla_put_be32/be64).
/// </summary>
internal static class NftTraceDecoder
{
    // linux/netfilter/nfnetlink.h: the message type is the subsystem in the high byte, the message in the low byte
    public const int NFNL_SUBSYS_NFTABLES = 10;
    public const int NFT_MSG_TRACE = 17;
    public const ushort MessageType = (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_TRACE;

    /// <summary>struct nfgenmsg: family (u8), version (u8), res_id (be16).</summary>
    private const int NfGenMsgLength = 4;

    // enum nft_trace_attributes
    private const ushort NFTA_TRACE_TABLE = 1;
    private const ushort NFTA_TRACE_CHAIN = 2;
    private const ushort NFTA_TRACE_RULE_HANDLE = 3;
    private const ushort NFTA_TRACE_TYPE = 4;
    private const ushort NFTA_TRACE_VERDICT = 5;
    private const ushort NFTA_TRACE_ID = 6;
    private const ushort NFTA_TRACE_IIF = 10;
    private const ushort NFTA_TRACE_OIF = 12;
    private const ushort NFTA_TRACE_MARK = 14;
    private const ushort NFTA_TRACE_NFPROTO = 15;
    private const ushort NFTA_TRACE_POLICY = 16;

    // enum nft_verdict_attributes
    private const ushort NFTA_VERDICT_CODE = 1;
    private const ushort NFTA_VERDICT_CHAIN = 2;

    /// <summary>The event, or null for any other message (a datagram of the group may carry none but traces; be strict anyway).</summary>
    public static NftTraceEvent? Decode(NetlinkMessage message) =>
        message.Type == MessageType && message.Payload.Length >= NfGenMsgLength ? Decode(message.Payload[0], message.Payload[NfGenMsgLength..]) : null;

    /// <summary>Every trace event of one received datagram, in the order the kernel queued them.</summary>
    public static List<NftTraceEvent> DecodeAll(ReadOnlySpan<byte> datagram)
    {
        var events = new List<NftTraceEvent>();
        foreach (var message in new NetlinkMessageReader(datagram))
        {
            if (Decode(message) is { } trace)
            {
                events.Add(trace);
            }
        }

        return events;
    }

    private static NftTraceEvent Decode(byte family, ReadOnlySpan<byte> attributes)
    {
        uint id = 0;
        string table = string.Empty, chain = string.Empty;
        ulong? handle = null;
        var type = NftTraceType.Unspecified;
        int? verdict = null, policy = null;
        string? target = null;
        uint? nfproto = null, iif = null, oif = null, mark = null;
        var reader = new NetlinkAttributeReader(attributes);
        while (reader.MoveNext())
        {
            var value = reader.Value;
            switch (reader.Type)
            {
                case NFTA_TRACE_TABLE:
                    table = NetlinkAttribute.String(value);
                    break;
                case NFTA_TRACE_CHAIN:
                    chain = NetlinkAttribute.String(value);
                    break;
                case NFTA_TRACE_RULE_HANDLE when value.Length >= 8:
                    handle = BinaryPrimitives.ReadUInt64BigEndian(value);
                    break;
                case NFTA_TRACE_TYPE:
                    type = (NftTraceType)BigEndianU32(value);
                    break;
                case NFTA_TRACE_VERDICT:
                    (verdict, target) = Verdict(value);
                    break;
                case NFTA_TRACE_ID:
                    id = BigEndianU32(value);
                    break;
                case NFTA_TRACE_IIF:
                    iif = BigEndianU32(value);
                    break;
                case NFTA_TRACE_OIF:
                    oif = BigEndianU32(value);
                    break;
                case NFTA_TRACE_MARK:
                    mark = BigEndianU32(value);
                    break;
                case NFTA_TRACE_NFPROTO:
                    nfproto = BigEndianU32(value);
                    break;
                case NFTA_TRACE_POLICY:
                    policy = (int)BigEndianU32(value);
                    break;
                default:
                    break;
            }
        }

        return new NftTraceEvent(id, family, table, chain, handle, type, verdict, target, policy)
        {
            NfProto = nfproto,
            InputInterface = iif,
            OutputInterface = oif,
            Mark = mark,
        };
    }

    /// <summary>NFTA_TRACE_VERDICT nests NFTA_VERDICT_CODE (be32, signed: nftables' own verdicts are negative) and, for a jump or goto, the chain.</summary>
    private static (int? Code, string? Chain) Verdict(ReadOnlySpan<byte> nested)
    {
        int? code = null;
        string? chain = null;
        var reader = new NetlinkAttributeReader(nested);
        while (reader.MoveNext())
        {
            if (reader.Type == NFTA_VERDICT_CODE)
            {
                code = (int)BigEndianU32(reader.Value);
            }
            else if (reader.Type == NFTA_VERDICT_CHAIN)
            {
                chain = NetlinkAttribute.String(reader.Value);
            }
        }

        return (code, chain);
    }

    private static uint BigEndianU32(ReadOnlySpan<byte> value) => value.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(value) : 0u;
}
