using System.Buffers.Binary;

namespace NetLens.Core.Scanning;

/// <summary>
/// A NetBIOS name service NODE STATUS REQUEST for the wildcard name "*" (RFC 1002 §4.2.17): any NBNS responder lists its
/// names in reply. Names travel in the "first-level encoding" of RFC 1001 §14.1, each nibble as a letter from 'A'.
/// </summary>
public static class UdpNetbiosStatusQuery
{
    public const int Length = HeaderLength + EncodedNameLength + 4;
    private const int HeaderLength = 12;
    private const int NameLength = 16;
    private const int EncodedNameLength = 1 + (NameLength * 2) + 1;
    private const ushort TypeNbstat = 0x21;
    private const ushort ClassIn = 1;

    public static byte[] Build(ushort transactionId)
    {
        var query = new byte[Length];
        BinaryPrimitives.WriteUInt16BigEndian(query, transactionId);

        // opcode 0 (query), no flags, unicast; QDCOUNT 1
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(4), 1);
        Span<byte> name = stackalloc byte[NameLength];
        name[0] = (byte)'*';
        var offset = HeaderLength;
        query[offset++] = NameLength * 2;
        foreach (var b in name)
        {
            query[offset++] = (byte)('A' + (b >> 4));
            query[offset++] = (byte)('A' + (b & 0x0F));
        }

        query[offset++] = 0; // the root label ends the name (no scope id)
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(offset), TypeNbstat);
        BinaryPrimitives.WriteUInt16BigEndian(query.AsSpan(offset + 2), ClassIn);
        return query;
    }
}
