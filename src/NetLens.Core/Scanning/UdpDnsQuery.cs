using System.Buffers.Binary;

namespace NetLens.Core.Scanning;

/// <summary>
/// A DNS query for the root zone's name servers (". IN NS", RFC 1035 §4.1): every DNS server answers it, if only with
/// REFUSED, and any answer proves the port open. Recursion is not asked for, so the probe never makes the server query others.
/// </summary>
public static class UdpDnsQuery
{
    public const int Length = HeaderLength + 1 + 4;
    private const int HeaderLength = 12;
    private const ushort TypeNs = 2;
    private const ushort ClassIn = 1;

    public static byte[] Build(ushort id)
    {
        var query = new byte[Length];
        BinaryPrimitives.WriteUInt16BigEndian(query, id);

        // flags 0: a standard query (opcode 0), RD clear; QDCOUNT 1, no answer, authority or additional records
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(4), 1);

        // QNAME "." is the single zero-length label at offset 12
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(HeaderLength + 1), TypeNs);
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(HeaderLength + 3), ClassIn);
        return query;
    }
}
