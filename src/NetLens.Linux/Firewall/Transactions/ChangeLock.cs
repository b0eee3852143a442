using System.Diagnostics;
using System.Globalization;
using System.Text;
using NetLens.Linux.Interop;

namespace NetLens.Linux.Firewall.Transactions;

/// <summary>
/// flock(2) on the namespace's lock file, held from reading the ruleset to the last write, so two changes never plan
/// from the same ruleset. The kernel drops it when the holder dies, even by SIGKILL; close-on-exec keeps it from
/// living on in an iptables child. The holder writes its pid in the file, so a waiter can name it.
/// </summary>
public sealed unsafe class ChangeLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private readonly SafeFdHandle _fd;

    private ChangeLock(SafeFdHandle fd) => _fd = fd;

    /// <summary>Waits up to <paramref name="wait"/> for the lock; then fails naming the holder.</summary>
    public static ChangeLock Acquire(string path, TimeSpan wait, CancellationToken cancel)
    {
        var raw = LibC.OpenCreate(path, LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC, 0x180);
        if (raw < 0)
        {
            throw new IOException($"cannot open the lock file {path}: {PosixError.Describe(PosixError.Last())}");
        }

        var fd = new SafeFdHandle(raw);
        var started = Stopwatch.GetTimestamp();
        while (LibC.flock(fd, LibC.LOCK_EX | LibC.LOCK_NB) != 0)
        {
            var errno = PosixError.Last();
            if (errno != LibC.EWOULDBLOCK && errno != LibC.EINTR)
            {
                fd.Dispose();
                throw new IOException($"cannot lock {path}: {PosixError.Describe(errno)}");
            }

            if (Stopwatch.GetElapsedTime(started) >= wait)
            {
                var holder = Holder(fd);
                fd.Dispose();
                throw new IOException($"another netlens{(holder is { } pid ? $" (pid {pid})" : string.Empty)} is changing this namespace's firewall and still holds {path} after {wait.TotalSeconds:0} s (let it finish, or check that process)");
            }

            // a bounded poll: flock has no timeout of its own
            cancel.WaitHandle.WaitOne(Poll);
            cancel.ThrowIfCancellationRequested();
        }

        var text = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        fixed (byte* p = text)
        {
            _ = LibC.ftruncate(fd, 0);
            _ = LibC.pwrite(fd, p, text.Length, 0);
        }

        return new ChangeLock(fd);
    }

    public void Dispose() => _fd.Dispose();

    private static int? Holder(SafeFdHandle fd)
    {
        var buffer = new byte[32];
        nint read;
        fixed (byte* p = buffer)
        {
            read = LibC.pread(fd, p, buffer.Length, 0);
        }

        return read > 0 && int.TryParse(Encoding.ASCII.GetString(buffer, 0, (int)read).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }
}
