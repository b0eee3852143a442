using System.Runtime.InteropServices;

namespace NetLens.Linux.Processes;

/// <summary>Thrown when the reader of stdout went away (`netlens routes | head`): not an error to report.</summary>
public sealed class BrokenPipeException() : IOException("the reader of the output closed the pipe");

/// <summary>
/// A write-only stream over an inherited file descriptor using write(2). FileStream would use pwrite at its
/// own offset and overwrite what the shell appends to the same file; Console's streams set up terminal
/// handling (a signal thread) that a one-shot command pays for at every start.
/// </summary>
public sealed partial class FileDescriptorStream(int fd) : Stream
{
    private const int EINTR = 4;
    private const int EPIPE = 32;

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

                if (errno == EPIPE)
                {
                    throw new BrokenPipeException();
                }

                throw new IOException($"cannot write to file descriptor {fd}: {Marshal.GetPInvokeErrorMessage(errno)}");
            }
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint WriteNative(int fd, byte* buffer, nuint count);
}
