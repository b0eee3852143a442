using System.Globalization;
using System.Net;
using System.Text;

namespace NetLens.Cli.Output.Classic;

/// <summary>Allocation-free appends shared by the classic formats.</summary>
internal static class ClassicText
{
    /// <summary>The address as inet_ntop prints it (no "%scope" suffix).</summary>
    public static StringBuilder AppendAddress(this StringBuilder sb, IPAddress address)
    {
        Span<char> buffer = stackalloc char[64];
        if (!address.TryFormat(buffer, out var written))
        {
            return sb.Append(address.ToString());
        }

        var text = buffer[..written];
        var percent = text.IndexOf('%');
        return sb.Append(percent < 0 ? text : text[..percent]);
    }

    public static StringBuilder AppendNumber(this StringBuilder sb, uint value)
    {
        Span<char> buffer = stackalloc char[10];
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        return sb.Append(buffer[..written]);
    }

    public static StringBuilder AppendNumber(this StringBuilder sb, int value)
    {
        Span<char> buffer = stackalloc char[11];
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        return sb.Append(buffer[..written]);
    }

    /// <summary>printf "%x".</summary>
    public static StringBuilder AppendHex(this StringBuilder sb, uint value)
    {
        Span<char> buffer = stackalloc char[8];
        value.TryFormat(buffer, out var written, "x", CultureInfo.InvariantCulture);
        return sb.Append(buffer[..written]);
    }

    /// <summary>printf "%-Ns": left-aligned, padded with spaces, never truncated.</summary>
    public static StringBuilder AppendLeft(this StringBuilder sb, ReadOnlySpan<char> text, int width)
    {
        sb.Append(text);
        return text.Length < width ? sb.Append(' ', width - text.Length) : sb;
    }

    /// <summary>printf "%Nd"/"%Ns": right-aligned.</summary>
    public static StringBuilder AppendRight(this StringBuilder sb, ReadOnlySpan<char> text, int width)
    {
        if (text.Length < width)
        {
            sb.Append(' ', width - text.Length);
        }

        return sb.Append(text);
    }

    public static ReadOnlySpan<char> FormatInt(int value, Span<char> buffer)
    {
        value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
        return buffer[..written];
    }

    public static ReadOnlySpan<char> FormatAddress(IPAddress address, Span<char> buffer)
    {
        if (!address.TryFormat(buffer, out var written))
        {
            return address.ToString();
        }

        var text = buffer[..written];
        var percent = text.IndexOf('%');
        return percent < 0 ? text : text[..percent];
    }
}
