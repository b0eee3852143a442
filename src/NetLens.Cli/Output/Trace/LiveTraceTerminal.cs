using System.Text;
using NetLens.Linux.Terminal;

namespace NetLens.Cli.Output.Trace;

/// <summary>
/// The live view on a real terminal: frames drawn over each other with ANSI/VT100 sequences (cursor home, erase to end
/// of line and of screen), keys from <see cref="RawTerminal"/>. Disposing leaves the last frame on screen, the cursor
/// below it and visible, and the terminal settings as they were.
/// </summary>
public sealed class LiveTraceTerminal : ILiveTraceTerminal, IDisposable
{
    private const string Escape = "\u001b[";
    private const string HideCursor = Escape + "?25l";
    private const string ShowCursor = Escape + "?25h";
    private const string ClearScreen = Escape + "2J";
    private const string Home = Escape + "H";
    private const string EraseLine = Escape + "K";
    private const string EraseBelow = Escape + "J";

    private readonly TextWriter _output;
    private readonly RawTerminal _input;

    public LiveTraceTerminal(TextWriter output, RawTerminal input)
    {
        _output = output;
        _input = input;
        _output.Write(HideCursor + ClearScreen);
    }

    public (int Width, int Height) Size => RawTerminal.SizeOf(1) ?? (80, 24);

    public void Show(IReadOnlyList<string> lines)
    {
        var frame = new StringBuilder(Home);
        for (var i = 0; i < lines.Count; i++)
        {
            // No newline after the last line: on the bottom row it would scroll the header away.
            frame.Append(lines[i]).Append(EraseLine).Append(i + 1 < lines.Count ? "\r\n" : string.Empty);
        }

        frame.Append(EraseBelow);
        _output.Write(frame.ToString());
        _output.Flush();
    }

    public int ReadKey(TimeSpan wait) => _input.ReadByte((int)Math.Ceiling(wait.TotalMilliseconds));

    public void Dispose()
    {
        try
        {
            _output.Write("\r\n" + ShowCursor);
            _output.Flush();
        }
        finally
        {
            _input.Dispose();
        }
    }
}
