using System.Runtime.InteropServices;

namespace NetLens.Linux.Processes;

/// <summary>
/// Which of stdin, stdout and stderr were closed when netlens started (a shell `>&amp;-`), each then held open on /dev/null:
/// otherwise the first socket or file netlens opens would get descriptor 1 and the answer would be written into it.
/// A stream closed at start stays closed for netlens (<see cref="FileDescriptorStream"/> refuses to write to it).
/// </summary>
public sealed partial class StandardStreams
{
    private const int F_GETFD = 1;
    private const int FD_CLOEXEC = 1;
    private const int O_RDWR = 2;

    private StandardStreams(bool inputClosed, bool outputClosed, bool errorClosed)
    {
        InputClosed = inputClosed;
        OutputClosed = outputClosed;
        ErrorClosed = errorClosed;
    }

    public bool InputClosed { get; }

    public bool OutputClosed { get; }

    public bool ErrorClosed { get; }

    /// <summary>Checks descriptors 0, 1 and 2 and occupies each closed one with /dev/null. Call first thing in Main.</summary>
    public static StandardStreams Claim() => new(Occupy(0), Occupy(1), Occupy(2));

    // An inherited descriptor never has FD_CLOEXEC (exec would have closed it): one that has it was opened by the runtime
    // after a closed start, so it is not the user's stream either, and is left alone.
    private static bool Occupy(int fd)
    {
        var flags = Fcntl(fd, F_GETFD);
        if (flags >= 0)
        {
            return (flags & FD_CLOEXEC) != 0;
        }

        var devNull = Open("/dev/null", O_RDWR);
        if (devNull >= 0 && devNull != fd)
        {
            Dup2(devNull, fd);
            Close(devNull);
        }

        return true;
    }

    [LibraryImport("libc", EntryPoint = "fcntl")]
    private static partial int Fcntl(int fd, int command);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "dup2")]
    private static partial int Dup2(int from, int to);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
