using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace NetLens.Core.Addressing;

/// <summary>An address and a prefix length: 198.18.0.0/15, 2001:db8::/32, or a host (/32, /128).</summary>
public readonly record struct IpPrefix(IPAddress Address, int Length)
{
    public AddressFamily Family => Address.AddressFamily;

    public int MaxLength => Family == AddressFamily.InterNetworkV6 ? 128 : 32;

    public bool IsHost => Length == MaxLength;

    public bool IsDefault => Length == 0;

    public static IpPrefix Default(AddressFamily family) =>
        new(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);

    public static IpPrefix Host(IPAddress address) =>
        new(address, address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32);

    /// <summary>Parses "A.B.C.D/len", "x::/len" or a bare address (a host prefix).</summary>
    public static bool TryParse(string text, out IpPrefix prefix)
    {
        prefix = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address))
        {
            return false;
        }

        var max = address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        var length = max;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), out length) || length < 0 || length > max))
        {
            return false;
        }

        prefix = new IpPrefix(address, length);
        return true;
    }

    /// <summary>True when <paramref name="address"/> falls inside this prefix (same family only).</summary>
    public bool Contains(IPAddress address)
    {
        if (address.AddressFamily != Family)
        {
            return false;
        }

        Span<byte> mine = stackalloc byte[16];
        Span<byte> theirs = stackalloc byte[16];
        Address.TryWriteBytes(mine, out var size);
        address.TryWriteBytes(theirs, out _);
        return PrefixBits.EqualUpTo(mine[..size], theirs[..size], Length);
    }

    /// <summary>True when every address of <paramref name="other"/> is inside this prefix.</summary>
    public bool Covers(IpPrefix other) => other.Family == Family && other.Length >= Length && Contains(other.Address);

    public override string ToString() => $"{Address}/{Length}";
}

/// <summary>Bit-level helpers on big-endian address bytes.</summary>
public static class PrefixBits
{
    public static bool EqualUpTo(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int bits)
    {
        var whole = bits / 8;
        if (!a[..whole].SequenceEqual(b[..whole]))
        {
            return false;
        }

        var rest = bits % 8;
        if (rest == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - rest));
        return (a[whole] & mask) == (b[whole] & mask);
    }

    /// <summary>The IPv4 netmask of a prefix length, e.g. 24 → 255.255.255.0.</summary>
    public static IPAddress Ipv4Mask(int length)
    {
        var mask = length == 0 ? 0u : uint.MaxValue << (32 - length);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, mask);
        return new IPAddress(bytes);
    }
}
