using System.Buffers.Binary;
using System.Net;
using System.Text;
using NetLens.Core;
using NetLens.Core.Routing;

namespace NetLens.Engines.Routing.Batch;

/// <summary>One question's address: its bits (IPv4 in the low 32), and whether the line writes it as answers print it.</summary>
public readonly record struct BatchAddress(UInt128 Bits, bool Ipv6, bool Canonical)
{
    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        if (Ipv6)
        {
            BinaryPrimitives.WriteUInt128BigEndian(bytes, Bits);
            return new IPAddress(bytes);
        }

        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)Bits);
        return new IPAddress(bytes[..4]);
    }
}

/// <summary>
/// Every question of a batch, kept as the bytes that were read (a million lines are 27 MB; as a string they would be
/// twice that, decoded once more) and checked in one pass before anything is answered. Lines end at '\n', as ip's
/// batch reader reads them. A line's options (the text after its address) are parsed once per distinct text and
/// family, then shared: most lines repeat a handful. Per line the check keeps the option set's number, the address
/// (IPv4 bits, or a place in a list of IPv6 ones) and where the address is written, for the answer.
/// </summary>
public sealed class BatchQuestions
{
    /// <summary>A line's option-set number when the line holds no question (blank or a # comment).</summary>
    public const int Skipped = -1;

    private readonly List<RouteLookupRequest> _options = [];
    private readonly byte[] _text;
    private readonly int _length;
    // Per line: the option set's number with two flag bits, and the address (IPv4), or its place in _ipv6.
    private const int Ipv6Flag = 1 << 29;
    private const int NotCanonicalFlag = 1 << 30;
    private readonly int[] _lineOptions;
    private readonly uint[] _lineAddresses;
    private readonly int[] _addressStarts;
    private readonly byte[] _addressLengths;
    private readonly List<UInt128> _ipv6 = [];

    private BatchQuestions(byte[] text, int length)
    {
        (_text, _length) = (text, length);

        // One slot per line, counted up front (a final line without '\n' counts too).
        _lineOptions = new int[CountLines(text.AsSpan(0, length))];
        _lineAddresses = new uint[_lineOptions.Length];
        _addressStarts = new int[_lineOptions.Length];
        _addressLengths = new byte[_lineOptions.Length];
    }

    /// <summary>Lines read (blank and comment lines included).</summary>
    public int LineCount { get; private set; }

    /// <summary>The option sets: each a request whose destination is that of the first line that used it.</summary>
    public IReadOnlyList<RouteLookupRequest> Options => _options;

    /// <summary>Line <paramref name="line"/>'s option set, or <see cref="Skipped"/>.</summary>
    public int OptionsOf(int line) => _lineOptions[line] < 0 ? Skipped : _lineOptions[line] & ~(Ipv6Flag | NotCanonicalFlag);

    /// <summary>The address on line <paramref name="line"/> (a question, not a skipped line), as read when it was checked.</summary>
    public BatchAddress AddressOf(int line)
    {
        var flags = _lineOptions[line];
        var canonical = (flags & NotCanonicalFlag) == 0;
        return (flags & Ipv6Flag) != 0
            ? new BatchAddress(_ipv6[(int)_lineAddresses[line]], true, canonical)
            : new BatchAddress(_lineAddresses[line], false, canonical);
    }

    /// <summary>The address as written on line <paramref name="line"/> (a question, not a skipped line).</summary>
    public ReadOnlySpan<byte> AddressTextOf(int line) => _text.AsSpan(_addressStarts[line], _addressLengths[line]);

    /// <summary>The lines in order, each as the bytes between two '\n' (without them).</summary>
    public LineEnumerator Lines() => new(_text.AsSpan(0, _length));

    /// <summary>The address as written on a question line (leading blanks skipped, up to the next blank) and where it ends.</summary>
    private static ReadOnlySpan<byte> AddressText(ReadOnlySpan<byte> line, out int end)
    {
        var start = 0;
        while (start < line.Length && IsBlank(line[start]))
        {
            start++;
        }

        end = line[start..].IndexOfAny((byte)' ', (byte)'\t', (byte)'\r');
        end = end < 0 ? line.Length : start + end;
        return line[start..end];
    }

    /// <summary>The whole request of one question, as the line parser (<see cref="IBatchLineParser"/>) makes it.</summary>
    public RouteLookupRequest Request(int options, in BatchAddress address) =>
        _options[options] with { Destination = address.ToIPAddress() };

    /// <summary>
    /// Reads every line of <paramref name="text"/>[..<paramref name="length"/>]; throws <see cref="UsageException"/>
    /// naming the first bad line ("<paramref name="name"/> line N: …").
    /// </summary>
    public static BatchQuestions Parse(byte[] text, int length, IBatchLineParser parser, string name)
    {
        var questions = new BatchQuestions(text, length);
        var optionIds = new[] { new Dictionary<string, int>(), new Dictionary<string, int>() };
        var lookups = optionIds.Select(d => d.GetAlternateLookup<ReadOnlySpan<char>>()).ToArray();
        var number = 0;
        var lineStart = 0;
        Span<char> restChars = stackalloc char[256];
        foreach (var line in questions.Lines())
        {
            number++;
            var start = lineStart;
            lineStart += line.Length + 1;
            var address = AddressText(line, out var addressEnd);
            if (address.IsEmpty || address[0] == '#')
            {
                questions._lineOptions[number - 1] = Skipped;
                continue;
            }

            if (!TryParseAddress(address, out var parsed))
            {
                Throw(parser, line, name, number);
            }

            // The text after the address, blanks trimmed: usually empty, otherwise short and ASCII.
            var rest = Trim(line[addressEnd..]);
            scoped ReadOnlySpan<char> restText;
            if (rest.Length <= restChars.Length && Ascii.IsValid(rest))
            {
                Ascii.ToUtf16(rest, restChars, out var written);
                restText = restChars[..written];
            }
            else
            {
                restText = Decode(rest);
            }

            var lookup = lookups[parsed.Ipv6 ? 1 : 0];
            if (!lookup.TryGetValue(restText, out var options))
            {
                options = questions._options.Count;
                questions._options.Add(Check(parser, line, name, number));
                lookup[restText] = options;
            }

            questions._addressStarts[number - 1] = start + addressEnd - address.Length;
            questions._addressLengths[number - 1] = (byte)address.Length;
            var flags = (parsed.Ipv6 ? Ipv6Flag : 0) | (parsed.Canonical ? 0 : NotCanonicalFlag);
            questions._lineOptions[number - 1] = options | flags;
            if (parsed.Ipv6)
            {
                questions._lineAddresses[number - 1] = (uint)questions._ipv6.Count;
                questions._ipv6.Add(parsed.Bits);
            }
            else
            {
                questions._lineAddresses[number - 1] = (uint)parsed.Bits;
            }
        }

        questions.LineCount = number;
        return questions;
    }

    private static RouteLookupRequest Check(IBatchLineParser parser, ReadOnlySpan<byte> line, string name, int number)
    {
        try
        {
            return parser.Parse(Decode(line));
        }
        catch (UsageException e)
        {
            throw new UsageException($"{name} line {number}: {e.Message}");
        }
    }

    private static void Throw(IBatchLineParser parser, ReadOnlySpan<byte> line, string name, int number)
    {
        Check(parser, line, name, number);
        throw new UsageException($"{name} line {number}: not an address");
    }

    /// <summary>'\n's + 1, by IndexOf (vectorised; Count is not, for bytes, in this build).</summary>
    private static int CountLines(ReadOnlySpan<byte> text)
    {
        var lines = 1;
        for (var at = text.IndexOf((byte)'\n'); at >= 0; at = text.IndexOf((byte)'\n'))
        {
            lines++;
            text = text[(at + 1)..];
        }

        return lines;
    }

    private static string Decode(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    private static bool IsBlank(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\r';

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsBlank(text[start]))
        {
            start++;
        }

        while (end > start && IsBlank(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    /// <summary>
    /// The address's bits; canonical when the text is exactly how the address is printed, so answers can copy it.
    /// Dotted quads are read here; anything else is whatever <see cref="IPAddress"/> accepts.
    /// </summary>
    private static bool TryParseAddress(ReadOnlySpan<byte> text, out BatchAddress address)
    {
        if (TryParseDottedQuad(text, out var ipv4))
        {
            address = new BatchAddress(ipv4, false, true);
            return true;
        }

        if (TryParseFullIpv6(text, out var full, out var fullCanonical))
        {
            address = new BatchAddress(full, true, fullCanonical);
            return true;
        }

        address = default;
        Span<char> chars = stackalloc char[64];
        if (text.Length > chars.Length || !Ascii.IsValid(text))
        {
            return false;
        }

        Ascii.ToUtf16(text, chars, out var length);
        if (!IPAddress.TryParse(chars[..length], out var parsed))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        parsed.TryWriteBytes(bytes, out var size);
        var ipv6 = size == 16;
        var bits = ipv6 ? BinaryPrimitives.ReadUInt128BigEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);
        Span<byte> printed = stackalloc byte[64];
        var canonical = parsed.TryFormat(printed, out var written) && printed[..written].SequenceEqual(text);
        address = new BatchAddress(bits, ipv6, canonical);
        return true;
    }

    /// <summary>
    /// IPv6 written as all eight groups (h:h:h:h:h:h:h:h, 1–4 hex digits each), the shape of most addresses in a
    /// batch. Canonical (RFC 5952, as answers print it) when every group is lowercase without leading zeros and no
    /// two zero groups are adjacent (those would be written "::"). Other spellings go to <see cref="IPAddress"/>.
    /// </summary>
    private static bool TryParseFullIpv6(ReadOnlySpan<byte> text, out UInt128 bits, out bool canonical)
    {
        (bits, canonical) = (0, true);
        var i = 0;
        var previousZero = false;
        for (var group = 0; group < 8; group++)
        {
            var start = i;
            uint value = 0;
            while (i < text.Length && i - start < 5 && HexValue(text[i]) is var digit and >= 0)
            {
                value = (value << 4) | (uint)digit;
                canonical &= text[i] is < (byte)'A' or > (byte)'F';
                i++;
            }

            var digits = i - start;
            if (digits is 0 or > 4 || (group < 7 ? i >= text.Length || text[i] != ':' : i != text.Length))
            {
                return false;
            }

            canonical &= digits == 1 || text[start] != '0';
            canonical &= !(previousZero && value == 0);
            previousZero = value == 0;
            bits = (bits << 16) | value;
            i++;
        }

        return true;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>a.b.c.d with decimal octets 0–255 and no leading zeros (which other parsers read as octal).</summary>
    private static bool TryParseDottedQuad(ReadOnlySpan<byte> text, out uint address)
    {
        address = 0;
        var octets = 0;
        var i = 0;
        while (true)
        {
            var start = i;
            uint value = 0;
            while (i < text.Length && (uint)(text[i] - '0') <= 9)
            {
                value = (value * 10) + (uint)(text[i] - '0');
                i++;
            }

            var digits = i - start;
            if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && text[start] == '0'))
            {
                return false;
            }

            address = (address << 8) | value;
            if (++octets == 4)
            {
                return i == text.Length;
            }

            if (i >= text.Length || text[i] != '.')
            {
                return false;
            }

            i++;
        }
    }

    /// <summary>Lines split at '\n' only; a last line without one counts, an empty tail after the last '\n' does not.</summary>
    public ref struct LineEnumerator(ReadOnlySpan<byte> text)
    {
        private ReadOnlySpan<byte> _rest = text;
        private bool _done = text.IsEmpty;

        public ReadOnlySpan<byte> Current { get; private set; }

        public readonly LineEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_done)
            {
                return false;
            }

            var end = _rest.IndexOf((byte)'\n');
            if (end < 0)
            {
                Current = _rest;
                _done = true;
                return true;
            }

            Current = _rest[..end];
            _rest = _rest[(end + 1)..];
            _done = _rest.IsEmpty;
            return true;
        }
    }
}
