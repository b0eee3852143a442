using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NetLens.Linux.Probes;

/// <summary>Waits on and reads a socket's error queue (MSG_ERRQUEUE), where IP_RECVERR puts the ICMP errors our probes caused.</summary>
internal static unsafe class ErrorQueue
{
    private const int ControlLength = 512;

    /// <summary>True when the socket has an error queued or, with <paramref name="orReadable"/>, data to read.</summary>
    public static bool Wait(Socket socket, int timeoutMs, bool orReadable = false)
    {
        var fd = new PollFd { Fd = (int)socket.Handle, Events = (short)(ProbeInterop.POLLERR | (orReadable ? ProbeInterop.POLLIN : 0)) };
        return ProbeInterop.poll(&fd, 1, timeoutMs) > 0 && fd.Revents != 0;
    }

    /// <summary>
    /// Reads one queued error: the kernel hands back the quoted payload of our probe (after its UDP header, or the ICMP
    /// echo header itself for ICMP sockets) in <paramref name="data"/>. False when the queue is empty.
    /// </summary>
    public static bool TryRead(Socket socket, Span<byte> data, out int length, out ExtendedError error, out long receivedAt)
    {
        error = default;
        length = 0;
        receivedAt = 0;
        Span<byte> control = stackalloc byte[ControlLength];
        fixed (byte* dataPointer = data)
        fixed (byte* controlPointer = control)
        {
            var vector = new IoVector { Base = dataPointer, Length = (nuint)data.Length };
            var header = new MessageHeader { Iov = &vector, IovLength = 1, Control = controlPointer, ControlLength = ControlLength };
            var received = ProbeInterop.recvmsg(socket.Handle, &header, ProbeInterop.MSG_ERRQUEUE | ProbeInterop.MSG_DONTWAIT);
            if (received < 0)
            {
                return false;
            }

            receivedAt = Stopwatch.GetTimestamp();
            length = (int)received;
            ExtendedErrorParser.TryParse(control[..(int)header.ControlLength], out error);
            return true;
        }
    }

    /// <summary>Reads one datagram without blocking (ICMP sockets have no FIONREAD, so Socket.Available cannot be asked).</summary>
    public static bool TryReceive(Socket socket, Span<byte> data, out int length, out IPAddress? from, out long receivedAt)
    {
        length = 0;
        from = null;
        receivedAt = 0;
        Span<byte> name = stackalloc byte[128];
        fixed (byte* dataPointer = data)
        fixed (byte* namePointer = name)
        {
            var vector = new IoVector { Base = dataPointer, Length = (nuint)data.Length };
            var header = new MessageHeader { Name = namePointer, NameLength = (uint)name.Length, Iov = &vector, IovLength = 1 };
            var received = ProbeInterop.recvmsg(socket.Handle, &header, ProbeInterop.MSG_DONTWAIT);
            if (received < 0)
            {
                return false;
            }

            receivedAt = Stopwatch.GetTimestamp();
            length = (int)received;
            from = ExtendedErrorParser.ReadSockaddr(name[..(int)header.NameLength]);
            return true;
        }
    }

    /// <summary>Sets IP_RECVERR or IPV6_RECVERR, so ICMP errors are queued with the address of the router that sent them.</summary>
    public static void Enable(Socket socket, bool ipv6)
    {
        Span<byte> on = [1, 0, 0, 0];
        socket.SetRawSocketOption(
            ipv6 ? ProbeInterop.SOL_IPV6 : ProbeInterop.SOL_IP,
            ipv6 ? ProbeInterop.IPV6_RECVERR : ProbeInterop.IP_RECVERR,
            on);
    }
}
