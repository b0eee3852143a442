using System.Buffers.Binary;

namespace NetLens.Fuzzing;

/// <summary>
/// Makes an input from a target's seeds: one to four of bit flips, interesting bytes and 16/32-bit values (lengths and
/// counts sit there in netlink and ICMP), truncation, extension, deletion, duplication, splices with another seed and
/// grammar words; now and then plain random bytes. Deterministic for a given <see cref="Random"/>.
/// </summary>
internal static class Mutator
{
    private static readonly byte[] InterestingBytes = [0, 1, 2, 3, 4, 7, 8, 16, 32, 64, 0x7f, 0x80, 0xfe, 0xff];

    private static readonly uint[] InterestingWords = [0, 1, 3, 4, 8, 12, 16, 20, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff];

    public static byte[] Mutate(FuzzTarget target, Random random)
    {
        if (target.Seeds.Count == 0 || random.Next(16) == 0)
        {
            var noise = new byte[random.Next(0, 257)];
            random.NextBytes(noise);
            return noise;
        }

        var data = new List<byte>(target.Seeds[random.Next(target.Seeds.Count)]);
        var operations = 1 + (random.Next(4) == 0 ? random.Next(1, 4) : 0);
        for (var i = 0; i < operations; i++)
        {
            Apply(data, target, random);
        }

        return [.. data];
    }

    private static void Apply(List<byte> data, FuzzTarget target, Random random)
    {
        var position = data.Count == 0 ? 0 : random.Next(data.Count);
        switch (random.Next(12))
        {
            case 0 when data.Count > 0:
                data[position] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[position] = (byte)random.Next(256);
                break;
            case 2 when data.Count > 0:
                data[position] = InterestingBytes[random.Next(InterestingBytes.Length)];
                break;
            case 3 when data.Count >= 2:
                Write(data, Math.Min(position, data.Count - 2), 2, random);
                break;
            case 4 when data.Count >= 4:
                Write(data, Math.Min(position, data.Count - 4), 4, random);
                break;
            case 5:
                data.RemoveRange(position, data.Count - position);
                break;
            case 6:
                var tail = new byte[random.Next(1, 65)];
                random.NextBytes(tail);
                data.AddRange(tail);
                break;
            case 7 when data.Count > 0:
                data.RemoveRange(position, Math.Min(data.Count - position, random.Next(1, 33)));
                break;
            case 8 when data.Count > 0:
                var length = Math.Min(data.Count - position, random.Next(1, 65));
                data.InsertRange(random.Next(data.Count + 1), data.GetRange(position, length));
                break;
            case 9:
                var other = target.Seeds[random.Next(target.Seeds.Count)];
                var from = other.Length == 0 ? 0 : random.Next(other.Length);
                data.RemoveRange(position, data.Count - position);
                data.AddRange(other.AsSpan(from).ToArray());
                break;
            case 10 when target.Tokens.Count > 0:
                data.InsertRange(position, target.Tokens[random.Next(target.Tokens.Count)]);
                break;
            case 11 when target.Tokens.Count > 0 && data.Count > 0:
                var token = target.Tokens[random.Next(target.Tokens.Count)];
                data.RemoveRange(position, Math.Min(data.Count - position, random.Next(1, 9)));
                data.InsertRange(position, token);
                break;
            default:
                data.Insert(position, (byte)random.Next(256));
                break;
        }
    }

    /// <summary>An interesting 16- or 32-bit value, either byte order, or a small nudge of what is there.</summary>
    private static void Write(List<byte> data, int position, int width, Random random)
    {
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < width; i++)
        {
            bytes[i] = data[position + i];
        }

        var current = width == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        var value = random.Next(3) == 0 ? current + (uint)random.Next(-8, 9) : InterestingWords[random.Next(InterestingWords.Length)];
        var bigEndian = random.Next(2) == 0;
        if (width == 2)
        {
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value);
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value);
            }
        }
        else if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        }

        for (var i = 0; i < width; i++)
        {
            data[position + i] = bytes[i];
        }
    }
}
