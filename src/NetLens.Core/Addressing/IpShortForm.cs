using System.Globalization;
using System.Net;

namespace NetLens.Core.Addressing;

/// <summary>
/// IPv4 addresses with fewer than four parts as ip reads them: the missing parts are zeros at the end ("10" is 10.0.0.0,
/// "1.2.3" is 1.2.3.0). IPAddress.Parse reads them as inet_aton does, the last part filling the rest ("10" is 0.0.0.10,
/// "1.2.3" is 1.2.0.3), so a `route get` would ask about another address than the one ip asks about.
/// </summary>
public static class IpShortForm
{
    /// <summary>True when <paramref name="text"/> is one to three parts of 0-255 (decimal, 0x hex or 0 octal, as ip's strtoul).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IPAddress address)
    {
        address = IPAddress.None;
        Span<byte> bytes = stackalloc byte[4];
        var count = 0;
        foreach (var range in text.Split('.'))
        {
            if (count == 3 || !TryPart(text[range], out bytes[count]))
            {
                return false;
            }

            count++;
        }

        address = new IPAddress(bytes);
        return true;
    }

    private static bool TryPart(ReadOnlySpan<char> part, out byte value)
    {
        value = 0;
        if (part.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return part.Length > 2 && byte.TryParse(part[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        if (part.Length > 1 && part[0] == '0')
        {
            var number = 0;
            foreach (var c in part[1..])
            {
                if (c is < '0' or > '7' || (number = (number * 8) + (c - '0')) > 255)
                {
                    return false;
                }
            }

            value = (byte)number;
            return true;
        }

        return !part.IsEmpty && byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
