using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using NetLens.Core.Addressing;

namespace NetLens.Linux.Proc;

/// <summary>
/// Parses /proc/net/ipv6_route: "DST DSTLEN SRC SRCLEN NEXTHOP METRIC REFCNT USE FLAGS DEV",
/// addresses as 32 hex digits, numbers as 8 (lengths 2) hex digits, the device right-aligned.
/// </summary>
public static class Ipv6RouteTableParser
{
    public static IReadOnlyList<Ipv6RouteEntry> ReadFile(string path = ProcPaths.Ipv6Route) =>
        File.Exists(path) ? Parse(File.ReadAllText(path)) : [];

    /// <summary>Malformed lines are skipped, not fatal; a route without a device has no tenth field (Interface is "").</summary>
    public static IReadOnlyList<Ipv6RouteEntry> Parse(string text)
    {
        var entries = new List<Ipv6RouteEntry>();
        Span<Range> fields = stackalloc Range[11];
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var count = line.Split(fields, ' ', StringSplitOptions.RemoveEmptyEntries);
            if (count < 9
                || !TryAddress(line[fields[0]], out var destination)
                || !TryHex(line[fields[1]], out var destinationLength)
                || !TryAddress(line[fields[2]], out var source)
                || !TryHex(line[fields[3]], out var sourceLength)
                || !TryAddress(line[fields[4]], out var nextHop)
                || !TryHex(line[fields[5]], out var metric)
                || !TryHex(line[fields[6]], out var refCount)
                || !TryHex(line[fields[7]], out var use)
                || !TryHex(line[fields[8]], out var flags)
                || destinationLength > 128
                || sourceLength > 128)
            {
                continue;
            }

            entries.Add(new Ipv6RouteEntry(
                new IpPrefix(destination, (int)destinationLength),
                new IpPrefix(source, (int)sourceLength),
                nextHop,
                metric,
                refCount,
                use,
                flags,
                count > 9 ? line[fields[9]].ToString() : string.Empty));
        }

        return entries;
    }

    private static bool TryHex(ReadOnlySpan<char> text, out uint value) =>
        uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);

    private static bool TryAddress(ReadOnlySpan<char> text, out IPAddress address)
    {
        address = IPAddress.IPv6Any;
        if (text.Length != 32)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < 4; i++)
        {
            if (!TryHex(text.Slice(i * 8, 8), out var word))
            {
                return false;
            }

            BinaryPrimitives.WriteUInt32BigEndian(bytes[(i * 4)..], word);
        }

        address = new IPAddress(bytes);
        return true;
    }
}
