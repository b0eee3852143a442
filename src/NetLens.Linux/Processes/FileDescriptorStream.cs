using System.Runtime.InteropServices;

namespace NetLens.Linux.Processes;

/// <summary>Thrown when the reader of stdout went away (`netlens routes | head`): not an error to report.</summary>
public sealed class BrokenPipeException() : IOException("the reader of the output closed the pipe");

/// <summary>The answer could not be written (`> /dev/full`, `>&amp;-`, a disk that filled up): the command failed, exit 1.</summary>
public sealed class OutputFailedException(string message) : IOException(message);

/// <summary>
/// A write-only stream over an inherited file descriptor using write(2). FileStream would use pwrite at its
/// own offset and overwrite what the shell appends to the same file; Console's streams set up terminal
/// handling (a signal thread) that a one-shot command pays for at every start.
/// </summary>
/// <param name="fd">The descriptor to write to.</param>
/// <param name="closedAtStart">True when the descriptor was closed when netlens started (<see cref="StandardStreams"/>): every write fails.</param>
/// <param name="dropOnError">For diagnostics (stderr): a write that fails is dropped, as there is nowhere left to say so.</param>
public sealed partial class FileDescriptorStream(int fd, bool closedAtStart = false, bool dropOnError = false) : Stream
{
    private const int EINTR = 4;
    private const int EPIPE = 32;

    // The first failure stays: after EPIPE or ENOSPC every later write fails the same way, without a system call.
    private readonly bool _closed = closedAtStart;
    private bool _brokenPipe;
    private string? _failure;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        if (_closed || _failure is not null)
        {
            if (dropOnError || buffer.IsEmpty)
            {
                return;
            }

            throw _brokenPipe ? new BrokenPipeException() : new OutputFailedException($"cannot write to {Name}: {_failure ?? "it is closed"}");
        }

        fixed (byte* start = buffer)
        {
            var written = 0;
            while (written < buffer.Length)
            {
                var result = WriteNative(fd, start + written, (nuint)(buffer.Length - written));
                if (result >= 0)
                {
                    written += (int)result;
                    continue;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno == EINTR)
                {
                    continue;
                }

                _failure = Marshal.GetPInvokeErrorMessage(errno);
                _brokenPipe = errno == EPIPE;
                if (dropOnError)
                {
                    return;
                }

                throw _brokenPipe ? new BrokenPipeException() : new OutputFailedException($"cannot write to {Name}: {_failure}");
            }
        }
    }

    public override void Flush()
    {
    }

    private string Name => fd switch
    {
        1 => "standard output",
        2 => "standard error",
        _ => $"file descriptor {fd}",
    };

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint WriteNative(int fd, byte* buffer, nuint count);
}
