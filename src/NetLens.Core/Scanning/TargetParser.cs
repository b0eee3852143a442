using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NetLens.Core.Scanning;

/// <summary>
/// Reads nmap-style targets: 198.18.0.1, 2001:db8::1, 198.18.0.0/24, 2001:db8::/120, octet ranges and lists
/// (198.18.4.1-20, 198.18.1,3.0-255, 198.18.4.*), or a host name (left for the caller to resolve).
/// </summary>
public static class TargetParser
{
    public static TargetSpec Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new UsageException("empty target");
        }

        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            return ParseCidr(trimmed, slash);
        }

        if (IPAddress.TryParse(trimmed, out var address) && (trimmed.Contains(':', StringComparison.Ordinal) || trimmed.Count(c => c == '.') == 3))
        {
            return TargetSpec.ForAddress(trimmed, address);
        }

        if (LooksLikeOctets(trimmed))
        {
            return ParseOctetRanges(trimmed);
        }

        if (!IsHostName(trimmed))
        {
            throw new UsageException($"{InputText.Quote(text)} is neither an address, a block (CIDR or range) nor a host name");
        }

        return TargetSpec.ForName(trimmed);
    }

    private static TargetSpec ParseCidr(string text, int slash)
    {
        var head = text[..slash];
        if (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            throw new UsageException($"'{text}': the prefix length after '/' must be a number");
        }

        if (!IPAddress.TryParse(head, out var address))
        {
            // nmap also accepts name/len; netlens keeps names single hosts so a typo never widens into a block
            throw new UsageException($"'{text}': only an address can take a prefix length");
        }

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (length > bits)
        {
            throw new UsageException($"'{text}': prefix length {length} is longer than {bits}");
        }

        var hostBits = bits - length;
        var family = address.AddressFamily;
        var mask = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        var first = TargetSpec.ToNumber(address) & ~mask;
        var count = hostBits == 128 ? UInt128.MaxValue : UInt128.One << hostBits;
        return TargetSpec.ForBlock(text, count, () => Enumerate(first, count, family), TargetSpec.FromNumber(first, family), TargetSpec.FromNumber(first | mask, family));
    }

    private static IEnumerable<IPAddress> Enumerate(UInt128 first, UInt128 count, AddressFamily family)
    {
        for (UInt128 i = 0; i < count; i++)
        {
            yield return TargetSpec.FromNumber(first + i, family);
        }
    }

    private static bool LooksLikeOctets(string text) =>
        text.Split('.').Length == 4 && text.All(c => char.IsAsciiDigit(c) || c is '.' or '-' or ',' or '*');

    private static TargetSpec ParseOctetRanges(string text)
    {
        var octets = text.Split('.').Select(part => ParseOctet(part, text)).ToArray();
        var count = octets.Aggregate(UInt128.One, (product, values) => product * (UInt128)values.Length);
        // the span from the lowest to the highest address listed (a range in each octet covers more than it lists)
        return TargetSpec.ForBlock(text, count, () => EnumerateOctets(octets), new IPAddress(octets.Select(o => o[0]).ToArray()), new IPAddress(octets.Select(o => o[^1]).ToArray()));
    }

    private static IEnumerable<IPAddress> EnumerateOctets(byte[][] octets)
    {
        foreach (var a in octets[0])
        {
            foreach (var b in octets[1])
            {
                foreach (var c in octets[2])
                {
                    foreach (var d in octets[3])
                    {
                        yield return new IPAddress(new[] { a, b, c, d });
                    }
                }
            }
        }
    }

    /// <summary>"7", "1-20", "1,3,5-7", "*" (0-255), "-9" (0-9), "250-" (250-255); values sorted and distinct.</summary>
    private static byte[] ParseOctet(string part, string text)
    {
        var values = new SortedSet<byte>();
        foreach (var item in part.Split(','))
        {
            if (item == "*")
            {
                for (var v = 0; v <= 255; v++)
                {
                    values.Add((byte)v);
                }

                continue;
            }

            var dash = item.IndexOf('-', StringComparison.Ordinal);
            var low = dash < 0 ? Octet(item, text) : dash == 0 ? 0 : Octet(item[..dash], text);
            var high = dash < 0 ? low : dash == item.Length - 1 ? 255 : Octet(item[(dash + 1)..], text);
            if (low > high)
            {
                throw new UsageException($"'{text}': range {item} runs backwards");
            }

            for (var v = low; v <= high; v++)
            {
                values.Add((byte)v);
            }
        }

        return [.. values];
    }

    private static int Octet(string digits, string text) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 255
            ? value
            : throw new UsageException($"'{text}': '{digits}' is not an octet (0-255)");

    /// <summary>RFC 1123 labels: letters, digits, hyphens, dots; nothing else reaches the resolver.</summary>
    private static bool IsHostName(string text) =>
        text.Length <= 253 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') && !text.StartsWith('-');
}
