using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using NetLens.Core.Probing;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Probes;

/// <summary>An echo reply as the channel read it: who answered, the echo's sequence, and the kernel's receive time.</summary>
public readonly record struct EchoArrival(IPAddress From, ushort Sequence, long ReceivedTicks);

/// <summary>
/// One ICMP socket per address family for any number of targets, as a continuous prober needs: thousands of echoes a
/// second cost a sendto and a recvmsg each, not a socket or a thread each. An ICMP datagram socket when
/// net.ipv4.ping_group_range allows it (the kernel then sets and filters the identifier), else a raw socket (CAP_NET_RAW)
/// whose filter lets only echo replies through and whose replies are matched on netlens's identifier.
/// Times are the kernel's (SO_TIMESTAMPNS on receive) against the clock read just before sendto, both UTC ticks, so a
/// reply read late because the prober was busy sending still gets its true round trip.
/// </summary>
public sealed unsafe class EchoChannel : IDisposable
{
    private const int SO_TIMESTAMPNS = 35;
    private const int SOL_SOCKET = 1;
    private const int ReceiveBuffer = 4 << 20;

    private readonly Family?[] _families = new Family?[2];
    private readonly string?[] _unavailable = new string?[2];
    private Socket[] _sockets = [];
    private readonly byte[] _packet = new byte[IcmpEchoRequest.HeaderLength];
    private readonly byte[] _buffer = new byte[2048];

    private EchoChannel()
    {
    }

    /// <summary>Opens a socket for each family in <paramref name="context"/>; a family that cannot open says why in <see cref="Unavailable"/>.</summary>
    public static EchoChannel Open(NetworkContext context)
    {
        var channel = new EchoChannel();
        foreach (var ipv6 in (bool[])[false, true])
        {
            try
            {
                channel._families[ipv6 ? 1 : 0] = context.Run(() => Family.Open(ipv6));
            }
            catch (SocketException e)
            {
                channel._unavailable[ipv6 ? 1 : 0] = $"cannot open an ICMP{(ipv6 ? "v6" : "")} socket: {e.Message} (allow ping sockets with net.ipv4.ping_group_range, or give CAP_NET_RAW)";
            }
        }

        channel._sockets = channel._families.Where(f => f is not null).Select(f => f!.Socket).ToArray();
        return channel;
    }

    /// <summary>Why echoes to this family cannot be sent, or null when they can.</summary>
    public string? Unavailable(AddressFamily family) => _unavailable[Index(family)];

    /// <summary>The mechanism used for this family, or null when it has no socket.</summary>
    public ProbeMechanism? Mechanism(AddressFamily family) => _families[Index(family)]?.Mechanism;

    /// <summary>The target's socket address, serialized once so each send costs no allocation.</summary>
    public static SocketAddress Destination(IPAddress target) => new IPEndPoint(target, 0).Serialize();

    /// <summary>
    /// Sends one echo; returns the send time in UTC ticks, or null with the reason when the kernel refused it
    /// (no socket for the family, EPERM from a local firewall, a full buffer).
    /// </summary>
    public long? Send(SocketAddress destination, ushort sequence, out string? failure)
    {
        var ipv6 = destination.Family == AddressFamily.InterNetworkV6;
        if (_families[ipv6 ? 1 : 0] is not { } family)
        {
            failure = _unavailable[ipv6 ? 1 : 0];
            return null;
        }

        var length = IcmpEchoRequest.Write(_packet, ipv6, family.Identifier, sequence, ReadOnlySpan<byte>.Empty);
        var sentTicks = DateTime.UtcNow.Ticks;
        try
        {
            family.Socket.SendTo(_packet.AsSpan(0, length), SocketFlags.None, destination);
            failure = null;
            return sentTicks;
        }
        catch (SocketException e)
        {
            failure = e.Message;
            return null;
        }
    }

    /// <summary>Waits up to <paramref name="wait"/> (to the microsecond) for a reply on any socket; true when one is readable.</summary>
    public bool Wait(TimeSpan wait)
    {
        if (_sockets.Length == 0)
        {
            Thread.Sleep(wait);
            return false;
        }

        Span<short> ready = stackalloc short[_sockets.Length];
        return SocketPoll.Wait(_sockets, ProbeInterop.POLLIN, wait, ready) > 0;
    }

    /// <summary>Reads every waiting reply without blocking and hands each matching echo reply to <paramref name="arrived"/>; the number handed over.</summary>
    public int Drain(Action<EchoArrival> arrived)
    {
        var count = 0;
        foreach (var family in _families)
        {
            if (family is null)
            {
                continue;
            }

            while (family.TryReceive(_buffer, out var arrival))
            {
                if (arrival is { } echo)
                {
                    arrived(echo);
                    count++;
                }
            }
        }

        return count;
    }

    public void Dispose()
    {
        foreach (var family in _families)
        {
            family?.Socket.Dispose();
        }
    }

    private static int Index(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? 1 : 0;

    private sealed class Family(Socket socket, ProbeMechanism mechanism, bool ipv6, ushort identifier)
    {
        public Socket Socket { get; } = socket;

        public ProbeMechanism Mechanism { get; } = mechanism;

        public ushort Identifier { get; } = identifier;

        public static Family Open(bool ipv6)
        {
            var addressFamily = ipv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
            var protocol = ipv6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp;
            Socket socket;
            ProbeMechanism mechanism;
            try
            {
                socket = new Socket(addressFamily, SocketType.Dgram, protocol);
                mechanism = ProbeMechanism.IcmpDatagram;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.AccessDenied or SocketError.ProtocolNotSupported)
            {
                socket = new Socket(addressFamily, SocketType.Raw, protocol);
                mechanism = ProbeMechanism.RawSocket;
            }

            try
            {
                socket.Blocking = false;
                socket.ReceiveBufferSize = ReceiveBuffer;
                socket.SendBufferSize = ReceiveBuffer;
                Span<byte> on = [1, 0, 0, 0];
                socket.SetRawSocketOption(SOL_SOCKET, SO_TIMESTAMPNS, on);
                ushort identifier;
                if (mechanism == ProbeMechanism.RawSocket)
                {
                    // Only echo replies wake the prober: a raw socket otherwise gets every ICMP message the host receives.
                    if (ipv6)
                    {
                        var words = new uint[8];
                        Array.Fill(words, uint.MaxValue);
                        words[IcmpTypes.V6EchoReply >> 5] &= ~(1u << (IcmpTypes.V6EchoReply & 31));
                        socket.SetRawSocketOption(ProbeInterop.IPPROTO_ICMPV6, ProbeInterop.ICMP6_FILTER, System.Runtime.InteropServices.MemoryMarshal.AsBytes(words.AsSpan()));
                    }
                    else
                    {
                        socket.SetRawSocketOption(ProbeInterop.SOL_RAW, ProbeInterop.ICMP_FILTER, BitConverter.GetBytes(~(1u << IcmpTypes.V4EchoReply)));
                    }

                    identifier = (ushort)Random.Shared.Next(1, 1 << 16);
                }
                else
                {
                    socket.Bind(new IPEndPoint(ipv6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
                    identifier = (ushort)((IPEndPoint)socket.LocalEndPoint!).Port;
                }

                return new Family(socket, mechanism, ipv6, identifier);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        /// <summary>One recvmsg without blocking: false when nothing is left; a message that is not our echo reply comes back as null.</summary>
        public bool TryReceive(byte[] buffer, out EchoArrival? arrival)
        {
            arrival = null;
            Span<byte> name = stackalloc byte[128];
            Span<byte> control = stackalloc byte[128];
            long received;
            uint nameLength;
            nuint controlLength;
            fixed (byte* dataPointer = buffer)
            fixed (byte* namePointer = name)
            fixed (byte* controlPointer = control)
            {
                var vector = new IoVector { Base = dataPointer, Length = (nuint)buffer.Length };
                var header = new MessageHeader
                {
                    Name = namePointer,
                    NameLength = (uint)name.Length,
                    Iov = &vector,
                    IovLength = 1,
                    Control = controlPointer,
                    ControlLength = (nuint)control.Length,
                };
                received = ProbeInterop.recvmsg(Socket.Handle, &header, ProbeInterop.MSG_DONTWAIT);
                nameLength = header.NameLength;
                controlLength = header.ControlLength;
            }

            if (received < 0)
            {
                return false;
            }

            var icmp = buffer.AsSpan(0, (int)received);
            if (Mechanism == ProbeMechanism.RawSocket && !ipv6 && icmp.Length > 0)
            {
                // Raw IPv4 sockets hand over the IP header too.
                var headerLength = (icmp[0] & 0x0f) * 4;
                icmp = icmp.Length > headerLength ? icmp[headerLength..] : [];
            }

            if (ExtendedErrorParser.ReadSockaddr(name[..(int)nameLength]) is { } from
                && IcmpDecoder.TryDecode(icmp, ipv6, out var reply) && reply.Kind == IcmpMessageKind.EchoReply
                && (Mechanism == ProbeMechanism.IcmpDatagram || reply.Identifier == Identifier))
            {
                arrival = new EchoArrival(from, reply.Sequence, ReceiveTicks(control[..(int)controlLength]) ?? DateTime.UtcNow.Ticks);
            }

            return true;
        }

        /// <summary>SCM_TIMESTAMPNS: a struct timespec of the kernel's receive time (CLOCK_REALTIME), as UTC ticks.</summary>
        private static long? ReceiveTicks(ReadOnlySpan<byte> control)
        {
            var data = ControlMessages.Find(control, SOL_SOCKET, SO_TIMESTAMPNS);
            if (data.Length < 16)
            {
                return null;
            }

            var seconds = BinaryPrimitives.ReadInt64LittleEndian(data);
            var nanoseconds = BinaryPrimitives.ReadInt64LittleEndian(data[8..]);
            return DateTime.UnixEpoch.Ticks + seconds * TimeSpan.TicksPerSecond + nanoseconds / 100;
        }
    }
}
