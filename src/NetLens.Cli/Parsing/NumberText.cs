using System.Globalization;
using NetLens.Core;

namespace NetLens.Cli.Parsing;

/// <summary>Numbers as ip accepts them: decimal, or hex with 0x.</summary>
public static class NumberText
{
    public static uint ParseUInt32(string text, string what)
    {
        var ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return ok ? value : throw new UsageException($"{what} \"{text}\" is not a number (decimal, or hex with 0x)");
    }

    public static byte ParseByte(string text, string what)
    {
        var value = ParseUInt32(text, what);
        return value <= byte.MaxValue ? (byte)value : throw new UsageException($"{what} \"{text}\" is larger than 255");
    }

    public static ushort ParsePort(string text, string what)
    {
        var value = ParseUInt32(text, what);
        return value <= ushort.MaxValue ? (ushort)value : throw new UsageException($"{what} \"{text}\" is larger than 65535");
    }
}
