using System.Runtime.InteropServices;

namespace NetLens.Linux.Terminal;

/// <summary>
/// A terminal switched to key-at-a-time input (termios: no canonical line editing, no echo) for a live view, and put
/// back exactly as it was by <see cref="Dispose"/>. Signals stay on, so Ctrl-C still raises SIGINT for the caller to handle.
/// </summary>
public sealed unsafe partial class RawTerminal : IDisposable
{
    // struct termios on Linux (glibc, x86-64 and arm64): four tcflag_t, c_line, c_cc[32], two speed_t = 60 bytes.
    private const int TermiosLength = 60;
    private const int LocalFlagsOffset = 12;
    private const int ControlCharsOffset = 17;
    private const int VTIME = 5;
    private const int VMIN = 6;
    private const uint ICANON = 0x2;
    private const uint ECHO = 0x8;
    private const int TCSANOW = 0;
    private const nuint TIOCGWINSZ = 0x5413;
    private const short POLLIN = 0x1;

    private readonly int _fd;
    private readonly byte[] _saved;
    private bool _restored;

    private RawTerminal(int fd, byte[] saved)
    {
        _fd = fd;
        _saved = saved;
    }

    /// <summary>True when <paramref name="fd"/> is a terminal.</summary>
    public static bool IsTerminal(int fd) => isatty(fd) == 1;

    /// <summary>Switches <paramref name="fd"/> (stdin by default) to key-at-a-time input; null when it is no terminal.</summary>
    public static RawTerminal? Enter(int fd = 0)
    {
        var saved = new byte[TermiosLength];
        var raw = new byte[TermiosLength];
        fixed (byte* savedPointer = saved)
        {
            if (tcgetattr(fd, savedPointer) != 0)
            {
                return null;
            }
        }

        saved.CopyTo(raw, 0);
        var localFlags = BitConverter.ToUInt32(raw, LocalFlagsOffset) & ~(ICANON | ECHO);
        BitConverter.TryWriteBytes(raw.AsSpan(LocalFlagsOffset), localFlags);

        // A read returns whatever is there, even nothing: poll(2) does the waiting.
        raw[ControlCharsOffset + VMIN] = 0;
        raw[ControlCharsOffset + VTIME] = 0;
        fixed (byte* rawPointer = raw)
        {
            if (tcsetattr(fd, TCSANOW, rawPointer) != 0)
            {
                return null;
            }
        }

        return new RawTerminal(fd, saved);
    }

    /// <summary>The next byte typed, waiting at most <paramref name="timeoutMs"/>; -1 when none came (or input ended).</summary>
    public int ReadByte(int timeoutMs)
    {
        var fd = new PollDescriptor { Fd = _fd, Events = POLLIN };
        if (poll(&fd, 1, timeoutMs) <= 0 || (fd.Revents & POLLIN) == 0)
        {
            return -1;
        }

        byte key;
        return read(_fd, &key, 1) == 1 ? key : -1;
    }

    /// <summary>Columns and rows of the terminal on <paramref name="fd"/>; null when it is no terminal.</summary>
    public static (int Columns, int Rows)? SizeOf(int fd)
    {
        WindowSize size;
        return ioctl(fd, TIOCGWINSZ, &size) == 0 && size.Columns > 0 && size.Rows > 0 ? (size.Columns, size.Rows) : null;
    }

    /// <summary>Puts the saved settings back; safe to call more than once.</summary>
    public void Dispose()
    {
        if (_restored)
        {
            return;
        }

        _restored = true;
        fixed (byte* savedPointer = _saved)
        {
            _ = tcsetattr(_fd, TCSANOW, savedPointer);
        }
    }

    [LibraryImport("libc")]
    private static partial int isatty(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int tcgetattr(int fd, byte* termios);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int tcsetattr(int fd, int optionalActions, byte* termios);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int ioctl(int fd, nuint request, WindowSize* size);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int poll(PollDescriptor* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint read(int fd, byte* buffer, nuint count);

    /// <summary>struct winsize.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct WindowSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort XPixels;
        public ushort YPixels;
    }

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
