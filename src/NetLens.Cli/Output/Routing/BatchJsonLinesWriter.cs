using System.Net;
using System.Text;
using NetLens.Cli.Output.Json;

namespace NetLens.Cli.Output.Routing;

/// <summary>
/// `route get --batch --json`: takes the batch's answer lines as they are written (ip's first line, or
/// "ADDR error: REASON") and writes each as one JSON object on its own line, so the batch decides and formats
/// its answers one way whatever the output.
/// </summary>
public sealed class BatchJsonLinesWriter(TextWriter output) : TextWriter
{
    private const string ErrorMark = " error: ";
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => output.Encoding;

    /// <summary>The answer line as its JSON record.</summary>
    public static RouteBatchAnswerJson ToJson(string line)
    {
        var error = line.IndexOf(ErrorMark, StringComparison.Ordinal);
        if (error > 0 && line.IndexOf(' ', StringComparison.Ordinal) == error)
        {
            return new RouteBatchAnswerJson(line[..error], Found: false, Error: line[(error + ErrorMark.Length)..]);
        }

        return new RouteBatchAnswerJson(Destination(line), Found: true, Line: line);
    }

    public override void Write(char value)
    {
        if (value == '\n')
        {
            EndLine();
        }
        else
        {
            _line.Append(value);
        }
    }

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        while (buffer.Length > 0)
        {
            var end = buffer.IndexOf('\n');
            if (end < 0)
            {
                _line.Append(buffer);
                return;
            }

            _line.Append(buffer[..end]);
            EndLine();
            buffer = buffer[(end + 1)..];
        }
    }

    /// <summary>Flushes the answers written whole; a line still being written waits for its end (or the dispose).</summary>
    public override void Flush() => output.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // the last answer may lack its newline
            if (_line.Length > 0)
            {
                EndLine();
            }

            output.Flush();
        }

        base.Dispose(disposing);
    }

    /// <summary>ip puts the route's type first when it is not unicast ("local 198.18.0.1 dev lo …"): the first address is the destination.</summary>
    private static string Destination(string line)
    {
        var words = line.Split(' ', 3);
        return words.Length > 1 && !IsAddress(words[0]) && IsAddress(words[1]) ? words[1] : words[0];
    }

    private static bool IsAddress(string word)
    {
        var zone = word.IndexOf('%', StringComparison.Ordinal);
        return IPAddress.TryParse(zone < 0 ? word : word[..zone], out _);
    }

    private void EndLine()
    {
        JsonOutput.WriteLine(output, ToJson(_line.ToString()));
        _line.Clear();
    }
}
