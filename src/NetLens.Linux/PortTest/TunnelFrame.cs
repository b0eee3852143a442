using System.Buffers.Binary;
using System.Diagnostics;
using NetLens.Linux.Interop;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.PortTest;

/// <summary>
/// Proof of a kernel tunnel's UDP port by its own traffic: a broadcast frame of netlens's ethertype (0x88B5, IEEE 802's
/// local experimental one, which no stack consumes) sent out of this side's tunnel device is encapsulated to the
/// tunnel's remote; a packet socket on the peer's device catches it after decapsulation. Only a frame that crossed the
/// underlay on the tunnel's port can arrive there.
/// </summary>
public static class TunnelFrame
{
    public const ushort EtherType = 0x88B5;

    /// <summary>Listens for netlens frames on device <paramref name="interfaceIndex"/> of <paramref name="context"/>'s namespace.</summary>
    public static TunnelFrameCatcher Catch(NetworkContext context, int interfaceIndex) =>
        new(context.Run(() => PacketSocket(interfaceIndex, bind: true)));

    /// <summary>Sends one broadcast frame carrying <paramref name="payload"/> out of device <paramref name="interfaceIndex"/>.</summary>
    public static unsafe void Send(NetworkContext context, int interfaceIndex, ReadOnlySpan<byte> payload)
    {
        using var socket = context.Run(() => PacketSocket(interfaceIndex, bind: false));
        var address = LinkLayerAddress(interfaceIndex);
        for (var i = 0; i < 6; i++)
        {
            address.Address[i] = 0xff;
        }

        address.AddressLength = 6;
        fixed (byte* data = payload)
        {
            if (LibC.sendtoPacket(socket, data, payload.Length, 0, &address, sizeof(SockaddrLinkLayer)) < 0)
            {
                throw new IOException($"cannot send a frame out of interface {interfaceIndex}: {PosixError.Describe(PosixError.Last())}");
            }
        }
    }

    private static unsafe SafeFdHandle PacketSocket(int interfaceIndex, bool bind)
    {
        var fd = LibC.socket(LibC.AF_PACKET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, BinaryPrimitives.ReverseEndianness(EtherType));
        if (fd < 0)
        {
            var errno = PosixError.Last();
            throw errno == LibC.EPERM || errno == 13
                ? new UnauthorizedAccessException("a packet socket needs CAP_NET_RAW")
                : new IOException($"cannot open a packet socket: {PosixError.Describe(errno)}");
        }

        var socket = new SafeFdHandle(fd);
        if (bind)
        {
            var address = LinkLayerAddress(interfaceIndex);
            if (LibC.bindPacket(socket, &address, sizeof(SockaddrLinkLayer)) < 0)
            {
                var message = PosixError.Describe(PosixError.Last());
                socket.Dispose();
                throw new IOException($"cannot listen on interface {interfaceIndex}: {message}");
            }
        }

        return socket;
    }

    private static SockaddrLinkLayer LinkLayerAddress(int interfaceIndex) => new()
    {
        Family = LibC.AF_PACKET,
        Protocol = BinaryPrimitives.ReverseEndianness(EtherType),
        InterfaceIndex = interfaceIndex,
    };
}

/// <summary>A packet socket on the peer's tunnel device, waiting for one exact netlens frame.</summary>
public sealed class TunnelFrameCatcher : IDisposable
{
    private readonly SafeFdHandle _socket;

    internal TunnelFrameCatcher(SafeFdHandle socket) => _socket = socket;

    /// <summary>True when a frame with exactly <paramref name="payload"/> arrives within <paramref name="timeout"/>.</summary>
    public unsafe bool WaitFor(ReadOnlySpan<byte> payload, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var buffer = stackalloc byte[2048];
        while (true)
        {
            var left = (int)Math.Max(0, (deadline - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency);
            var poll = new PollDescriptor { Fd = (int)_socket.DangerousGetHandle(), Events = LibC.POLLIN };
            var ready = LibC.poll(&poll, 1, left);
            if (ready < 0 && PosixError.Last() == LibC.EINTR)
            {
                continue;
            }

            if (ready <= 0)
            {
                return false;
            }

            var length = LibC.recv(_socket, buffer, 2048, 0);
            // Ethernet pads short frames to 46 bytes of payload: compare the start, and only what was sent.
            if (length >= payload.Length && new ReadOnlySpan<byte>(buffer, payload.Length).SequenceEqual(payload))
            {
                return true;
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
