using System.Net.Sockets;

namespace NetLens.Linux.Probes;

/// <summary>Waits on several probe sockets at once with ppoll(2), to the microsecond (probe pacing needs sub-millisecond waits).</summary>
internal static unsafe class SocketPoll
{
    /// <summary>
    /// Waits up to <paramref name="wait"/> until one socket has one of <paramref name="events"/>; what each socket
    /// reported lands in <paramref name="ready"/>. The number of ready sockets (0 on timeout or a signal).
    /// </summary>
    public static int Wait(IReadOnlyList<Socket> sockets, short events, TimeSpan wait, Span<short> ready)
    {
        var count = sockets.Count;
        var fds = count <= 64 ? stackalloc PollFd[count] : new PollFd[count];
        for (var i = 0; i < count; i++)
        {
            fds[i] = new PollFd { Fd = (int)sockets[i].Handle, Events = events };
        }

        var ticks = Math.Max(0, wait.Ticks);
        var timeout = new TimeSpec { Seconds = ticks / TimeSpan.TicksPerSecond, Nanoseconds = ticks % TimeSpan.TicksPerSecond * 100 };
        int result;
        fixed (PollFd* pointer = fds)
        {
            result = ProbeInterop.ppoll(pointer, (nuint)count, &timeout, null);
        }

        for (var i = 0; i < count; i++)
        {
            ready[i] = result > 0 ? fds[i].Revents : (short)0;
        }

        return Math.Max(result, 0);
    }
}
