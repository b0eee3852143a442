using System.Net;
using System.Net.Sockets;

namespace NetLens.Core.Scanning;

/// <summary>One target as typed: a block of addresses known without asking anyone, or a name the caller must resolve.</summary>
public sealed class TargetSpec
{
    private readonly Func<IEnumerable<IPAddress>>? _addresses;

    private TargetSpec(string text, string? name, UInt128 count, Func<IEnumerable<IPAddress>>? addresses, IPAddress? first = null, IPAddress? last = null)
    {
        Text = text;
        Name = name;
        Count = count;
        _addresses = addresses;
        First = first;
        Last = last;
    }

    /// <summary>What the user typed.</summary>
    public string Text { get; }

    /// <summary>A host name to resolve (DNS is I/O, so Core leaves it to the caller); null for addresses.</summary>
    public string? Name { get; }

    /// <summary>How many addresses the block holds (1 for a name), known before any is listed.</summary>
    public UInt128 Count { get; }

    public bool IsName => Name is not null;

    /// <summary>The lowest address of the block (null for a name): with <see cref="Last"/>, the span a route must reach.</summary>
    public IPAddress? First { get; }

    /// <summary>The highest address of the block (null for a name).</summary>
    public IPAddress? Last { get; }

    internal static TargetSpec ForName(string name) => new(name, name, 1, null);

    internal static TargetSpec ForBlock(string text, UInt128 count, Func<IEnumerable<IPAddress>> addresses, IPAddress first, IPAddress last) =>
        new(text, null, count, addresses, first, last);

    /// <summary>The block's addresses in order; a name has none until resolved.</summary>
    public IEnumerable<IPAddress> Addresses() => _addresses?.Invoke() ?? [];

    /// <summary>
    /// This single link-local address on the interface <paramref name="index"/> names: the zone the user typed, read in
    /// the command's namespace by the caller (a zone is an interface, and interfaces are per namespace).
    /// </summary>
    public TargetSpec InZone(int index)
    {
        if (First is null || !First.Equals(Last) || First.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new UsageException($"{InputText.Quote(Text)}: only a single IPv6 address takes a zone");
        }

        var zoned = new IPAddress(First.GetAddressBytes(), index);
        return ForAddress(Text, zoned);
    }

    /// <summary>A single address as a block.</summary>
    internal static TargetSpec ForAddress(string text, IPAddress address) => new(text, null, 1, () => [address], address, address);

    internal static IPAddress FromNumber(UInt128 value, AddressFamily family)
    {
        var length = family == AddressFamily.InterNetwork ? 4 : 16;
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 15; i >= 0; i--)
        {
            bytes[i] = (byte)(value & 0xff);
            value >>= 8;
        }

        return new IPAddress(bytes[(16 - length)..]);
    }

    internal static UInt128 ToNumber(IPAddress address)
    {
        UInt128 value = 0;
        foreach (var b in address.GetAddressBytes())
        {
            value = (value << 8) | b;
        }

        return value;
    }
}
