namespace NetLens.Core.Scanning;

/// <summary>
/// An SNMPv1 GetRequest for sysDescr.0 (1.3.6.1.2.1.1.1.0, RFC 1213) with community "public" (RFC 1157 §4.1, BER per X.690):
/// an agent that knows the community answers with the description, one that does not stays silent (open|filtered).
/// </summary>
public static class UdpSnmpGetRequest
{
    private const byte Integer = 0x02;
    private const byte OctetString = 0x04;
    private const byte Null = 0x05;
    private const byte ObjectIdentifier = 0x06;
    private const byte Sequence = 0x30;
    private const byte GetRequestPdu = 0xA0; // [0] IMPLICIT, constructed

    /// <summary>1.3.6.1.2.1.1.1.0: the first two arcs pack into 40·1+3 = 0x2B, the rest are below 128, one byte each.</summary>
    private static readonly byte[] SysDescr = [0x2B, 6, 1, 2, 1, 1, 1, 0];

    public static byte[] Build(int requestId, string community = "public")
    {
        var varBind = Tlv(Sequence, [.. Tlv(ObjectIdentifier, SysDescr), .. Tlv(Null, [])]);
        var pdu = Tlv(GetRequestPdu, [.. BerInteger(requestId), .. BerInteger(0), .. BerInteger(0), .. Tlv(Sequence, varBind)]);
        return Tlv(Sequence, [.. BerInteger(0), .. Tlv(OctetString, System.Text.Encoding.ASCII.GetBytes(community)), .. pdu]);
    }

    /// <summary>An INTEGER in the fewest two's-complement bytes (X.690 §8.3.2: no redundant leading 0x00 or 0xFF).</summary>
    public static byte[] BerInteger(int value)
    {
        var bytes = new List<byte>();
        var v = value;
        do
        {
            bytes.Insert(0, (byte)v);
            v >>= 8;
        }
        while (!((v == 0 && (bytes[0] & 0x80) == 0) || (v == -1 && (bytes[0] & 0x80) != 0)));

        return Tlv(Integer, [.. bytes]);
    }

    /// <summary>Tag, length (short form below 128, else long form), value.</summary>
    public static byte[] Tlv(byte tag, byte[] value)
    {
        if (value.Length < 0x80)
        {
            return [tag, (byte)value.Length, .. value];
        }

        var length = new List<byte>();
        for (var n = value.Length; n > 0; n >>= 8)
        {
            length.Insert(0, (byte)n);
        }

        return [tag, (byte)(0x80 | length.Count), .. length, .. value];
    }
}
