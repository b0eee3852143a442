using System.Globalization;
using System.Text;
using System.Text.Unicode;
using NetLens.Core.Firewall.Spec;

namespace NetLens.Core.Services;

/// <summary>
/// The services file as its bytes, cut into lines, and the entries in them — so lines can be looked up, added and
/// removed without touching a byte of the rest: any encoding (Latin-1 comments stay Latin-1), the file's own line
/// ending (CRLF stays CRLF), and a file without a final newline keeps having none.
/// </summary>
public sealed class ServicesTable
{
    /// <summary>The comment netlens writes after its own lines, so `port close` removes exactly those.</summary>
    public const string Marker = "# added by netlens";

    private static readonly byte[] Lf = "\n"u8.ToArray();
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();

    private readonly byte[] _bytes;
    private readonly IReadOnlyList<RawLine> _raw;

    private ServicesTable(byte[] bytes, IReadOnlyList<RawLine> raw, IReadOnlyList<string> lines, IReadOnlyList<ServiceEntry> entries)
    {
        _bytes = bytes;
        _raw = raw;
        Lines = lines;
        Entries = entries;
    }

    /// <summary>Each line's text without its line ending, for display (UTF-8 where the line is valid UTF-8, else Latin-1).</summary>
    public IReadOnlyList<string> Lines { get; }

    public IReadOnlyList<ServiceEntry> Entries { get; }

    /// <summary>The file exactly as read.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    public static ServicesTable Empty { get; } = Parse(ReadOnlySpan<byte>.Empty);

    /// <summary>Lines of text (tests and callers without a file): each ends in LF, encoded as UTF-8.</summary>
    public static ServicesTable Parse(IEnumerable<string> lines) =>
        Parse(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))));

    public static ServicesTable Parse(ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        var raw = new List<RawLine>();
        var lines = new List<string>();
        var entries = new List<ServiceEntry>();
        var start = 0;
        while (start < copy.Length)
        {
            var newline = Array.IndexOf(copy, (byte)'\n', start);
            var end = newline < 0 ? copy.Length : newline + 1;
            var textEnd = newline < 0 ? copy.Length : (newline > start && copy[newline - 1] == '\r' ? newline - 1 : newline);
            var line = new RawLine(start, textEnd - start, end - start);
            raw.Add(line);
            var text = copy.AsSpan(start, line.TextLength);
            lines.Add(Utf8.IsValid(text) ? Encoding.UTF8.GetString(text) : Encoding.Latin1.GetString(text));

            // Latin-1 maps byte for byte: names and ports are ASCII, whatever encoding the comments use
            if (ParseEntry(Encoding.Latin1.GetString(text), raw.Count - 1) is { } entry)
            {
                entries.Add(entry);
            }

            start = end;
        }

        return new ServicesTable(copy, raw, lines, entries);
    }

    /// <summary>The entries that name <paramref name="name"/> (as name or alias).</summary>
    public IReadOnlyList<ServiceEntry> Named(string name) => [.. Entries.Where(e => e.IsCalled(name))];

    /// <summary>The protocols the file lists for <paramref name="port"/>, with the first name for each.</summary>
    public IReadOnlyList<ServiceEntry> ForPort(int port) => [.. Entries.Where(e => e.Port == port && e.KnownProtocol is not null)];

    /// <summary>The line netlens adds for a name: aligned like the file's own lines, and marked.</summary>
    public static string LineFor(string name, int port, FirewallProtocol protocol)
    {
        var portText = $"{port}/{protocol.Word()}";
        return $"{name}{Tabs(name.Length, 16)}{portText}{Tabs(portText.Length, 16)}{Marker}";
    }

    /// <summary>
    /// The file's bytes with the lines at <paramref name="removed"/> left out and <paramref name="added"/> appended in
    /// the file's line ending. Each edit is undone exactly by the opposite one: appended to a file without a final
    /// newline, the lines go after a line ending and end without one; removing such a last line takes that line ending back.
    /// </summary>
    public byte[] Edit(IReadOnlyList<string> added, IReadOnlyCollection<int> removed)
    {
        var output = new List<byte>(_bytes.Length + (added.Count * 48));
        var kept = -1;
        for (var i = 0; i < _raw.Count; i++)
        {
            if (!removed.Contains(i))
            {
                output.AddRange(_bytes.AsSpan(_raw[i].Start, _raw[i].Length));
                kept = i;
            }
        }

        var finalNewline = _raw.Count == 0 || _raw[^1].HasEnding;
        if (!finalNewline && kept >= 0 && kept != _raw.Count - 1)
        {
            // the unterminated last line went: the line now last gives up its ending, as the file had none
            output.RemoveRange(output.Count - _raw[kept].EndingLength, _raw[kept].EndingLength);
        }

        var ending = LineEnding();
        for (var i = 0; i < added.Count; i++)
        {
            if (!finalNewline && output.Count > 0 && (i > 0 || !EndsWithNewline(output)))
            {
                output.AddRange(ending);
            }

            output.AddRange(Encoding.UTF8.GetBytes(added[i]));
            if (finalNewline)
            {
                output.AddRange(ending);
            }
        }

        return [.. output];
    }

    private static bool EndsWithNewline(List<byte> output) => output.Count > 0 && output[^1] == '\n';

    /// <summary>The file's own line ending: CRLF when most of its lines end so, else LF (also for an empty file).</summary>
    private byte[] LineEnding()
    {
        var crlf = _raw.Count(l => l.EndingLength == 2);
        var lf = _raw.Count(l => l.EndingLength == 1);
        return crlf > lf ? CrLf : Lf;
    }

    private static ServiceEntry? ParseEntry(string raw, int index)
    {
        var hash = raw.IndexOf('#', StringComparison.Ordinal);
        var words = (hash >= 0 ? raw[..hash] : raw).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2)
        {
            return null;
        }

        var slash = words[1].IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && int.TryParse(words[1][..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            var added = hash >= 0 && raw[hash..].Trim() == Marker;
            return new ServiceEntry(words[0], port, words[1][(slash + 1)..].ToLowerInvariant(), words[2..], index, added);
        }

        return null;
    }

    private static string Tabs(int width, int column) => new('\t', Math.Max(1, (column - width + 7) / 8));

    /// <summary>One line in the bytes: where it starts, its text's length, and its length with the line ending (LF, CRLF or none).</summary>
    private readonly record struct RawLine(int Start, int TextLength, int Length)
    {
        public int EndingLength => Length - TextLength;

        public bool HasEnding => EndingLength > 0;
    }
}
