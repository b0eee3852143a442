using System.Buffers.Binary;

namespace NetLens.Linux.Probes;

/// <summary>The control messages recvmsg(2) returns (64-bit: size_t length, int level, int type, data aligned to 8).</summary>
internal static class ControlMessages
{
    private const int HeaderLength = 16;

    /// <summary>The data of the first control message of this level and type, or an empty span when there is none.</summary>
    public static ReadOnlySpan<byte> Find(ReadOnlySpan<byte> control, int level, int type)
    {
        var offset = 0;
        while (offset + HeaderLength <= control.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(control[offset..]);
            if (length < HeaderLength || offset + length > control.Length)
            {
                return [];
            }

            if (BinaryPrimitives.ReadInt32LittleEndian(control[(offset + 8)..]) == level
                && BinaryPrimitives.ReadInt32LittleEndian(control[(offset + 12)..]) == type)
            {
                return control[(offset + HeaderLength)..(offset + length)];
            }

            offset += (length + 7) & ~7;
        }

        return [];
    }
}
