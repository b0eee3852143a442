using System.Buffers.Binary;
using System.Net;
using NetLens.Core;
using NetLens.Core.Routing;

namespace NetLens.Cli.Commands.Routing.Batch;

/// <summary>One question line, kept as integers: where its address is written, the address, and its option set.</summary>
public readonly record struct BatchQuestion(UInt128 Address, int Start, int Options, short Length, bool Canonical);

/// <summary>
/// Every question of a batch, read in one pass and checked before anything is answered. A line's options (the text
/// after its address) are parsed once per distinct text and family, then shared: most lines repeat a handful.
/// </summary>
public sealed class BatchQuestions
{
    private readonly List<RouteLookupRequest> _options = [];
    private BatchQuestion[] _questions;

    private BatchQuestions(string text)
    {
        Text = text;

        // One slot per line, counted up front: a million questions are 32 MB, not worth growing and copying.
        _questions = new BatchQuestion[text.AsSpan().Count('\n') + 1];
    }

    /// <summary>The batch's text; questions point into it.</summary>
    public string Text { get; }

    public int Count { get; private set; }

    /// <summary>The option sets: each a request whose destination is that of the first line that used it.</summary>
    public IReadOnlyList<RouteLookupRequest> Options => _options;

    public ref readonly BatchQuestion this[int index] => ref _questions[index];

    /// <summary>The address as written on the question's line (for "ADDR error: …" answers).</summary>
    public ReadOnlySpan<char> AddressText(in BatchQuestion question) => Text.AsSpan(question.Start, question.Length);

    /// <summary>The whole request of one question, as <see cref="BatchQuestionParser"/> makes it.</summary>
    public RouteLookupRequest Request(in BatchQuestion question) =>
        _options[question.Options] with { Destination = IPAddress.Parse(AddressText(question)) };

    /// <summary>Reads every line; throws <see cref="UsageException"/> naming the first bad line ("<paramref name="name"/> line N: …").</summary>
    public static BatchQuestions Parse(string text, BatchQuestionParser parser, string name)
    {
        var questions = new BatchQuestions(text);
        var optionIds = new[] { new Dictionary<string, int>(), new Dictionary<string, int>() };
        var lookups = optionIds.Select(d => d.GetAlternateLookup<ReadOnlySpan<char>>()).ToArray();
        var number = 0;
        var all = text.AsSpan();
        foreach (var line in all.EnumerateLines())
        {
            number++;
            if (BatchQuestionParser.IsSkipped(line))
            {
                continue;
            }

            var address = BatchQuestionParser.AddressText(line);
            all.Overlaps(address, out var start);
            var rest = line.TrimStart()[address.Length..].Trim();
            if (!TryParseAddress(address, out var bits, out var ipv6, out var canonical))
            {
                Throw(parser, line, name, number);
            }

            var lookup = lookups[ipv6 ? 1 : 0];
            if (!lookup.TryGetValue(rest, out var options))
            {
                options = questions._options.Count;
                questions._options.Add(Check(parser, line, name, number));
                lookup[rest] = options;
            }

            questions.Add(new BatchQuestion(bits, start, options, (short)address.Length, canonical));
        }

        return questions;
    }

    private void Add(in BatchQuestion question)
    {
        if (Count == _questions.Length)
        {
            Array.Resize(ref _questions, _questions.Length * 2);
        }

        _questions[Count++] = question;
    }

    private static RouteLookupRequest Check(BatchQuestionParser parser, ReadOnlySpan<char> line, string name, int number)
    {
        try
        {
            return parser.Parse(line);
        }
        catch (UsageException e)
        {
            throw new UsageException($"{name} line {number}: {e.Message}");
        }
    }

    private static void Throw(BatchQuestionParser parser, ReadOnlySpan<char> line, string name, int number)
    {
        Check(parser, line, name, number);
        throw new UsageException($"{name} line {number}: not an address");
    }

    /// <summary>
    /// The address's bits (IPv4 in the low 32); canonical when the text is exactly how the address is printed, so
    /// answers can copy it. Dotted quads are read here; anything else is whatever <see cref="IPAddress"/> accepts.
    /// </summary>
    private static bool TryParseAddress(ReadOnlySpan<char> text, out UInt128 bits, out bool ipv6, out bool canonical)
    {
        if (TryParseDottedQuad(text, out var ipv4))
        {
            (bits, ipv6, canonical) = (ipv4, false, true);
            return true;
        }

        (bits, ipv6, canonical) = (0, false, false);
        if (!IPAddress.TryParse(text, out var address))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var size);
        ipv6 = size == 16;
        bits = ipv6 ? BinaryPrimitives.ReadUInt128BigEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);
        Span<char> printed = stackalloc char[64];
        canonical = address.TryFormat(printed, out var written) && printed[..written].SequenceEqual(text);
        return true;
    }

    /// <summary>a.b.c.d with decimal octets 0–255 and no leading zeros (which other parsers read as octal).</summary>
    private static bool TryParseDottedQuad(ReadOnlySpan<char> text, out uint address)
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
}
