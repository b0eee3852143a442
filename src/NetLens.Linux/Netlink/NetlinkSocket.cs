using System.Buffers.Binary;
using NetLens.Linux.Interop;

namespace NetLens.Linux.Netlink;

/// <summary>The transport: one AF_NETLINK socket that sends requests and reads datagrams. Framing and decoding live elsewhere.</summary>
internal sealed unsafe class NetlinkSocket : IDisposable
{
    // the kernel's dump datagrams are at most 32 KiB; bigger single replies grow the buffer
    private const int InitialReceiveBufferSize = 32 * 1024;
    private const int SocketReceiveBufferSize = 1024 * 1024;
    private const int MaxDumpAttempts = 5;

    private readonly SafeFdHandle _fd;
    private byte[] _receiveBuffer = new byte[InitialReceiveBufferSize];
    private byte[] _sendBuffer = new byte[1024];
    private uint _sequence;

    private NetlinkSocket(SafeFdHandle fd)
    {
        _fd = fd;
        _sequence = (uint)Environment.TickCount;
    }

    public static NetlinkSocket Open(int protocol)
    {
        var fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        if (fd < 0)
        {
            throw new NetlinkException(PosixError.Last());
        }

        var handle = new SafeFdHandle(fd);
        try
        {
            // best effort: without extended ack (old kernels) errors simply carry no text
            SetOption(handle, NetlinkConstants.SOL_NETLINK, NetlinkConstants.NETLINK_EXT_ACK, 1);
            SetOption(handle, LibC.SOL_SOCKET, LibC.SO_RCVBUF, SocketReceiveBufferSize);
            var address = new SockaddrNetlink { Family = LibC.AF_NETLINK };
            if (LibC.bind(handle, &address, sizeof(SockaddrNetlink)) != 0)
            {
                throw new NetlinkException(PosixError.Last());
            }

            return new NetlinkSocket(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Sends an NLM_F_DUMP request and collects every reply until NLMSG_DONE; retries a dump the kernel flagged as interrupted.</summary>
    public List<T> Dump<T>(ReadOnlySpan<byte> request, MessageDecoder<T> decoder)
        where T : class
    {
        for (var attempt = 1; attempt <= MaxDumpAttempts; attempt++)
        {
            var sequence = Send(request);
            var reader = new NetlinkDumpReader<T>(sequence, decoder);
            while (!reader.Accept(Receive()))
            {
            }

            if (!reader.Interrupted)
            {
                return reader.Items;
            }
        }

        throw new NetlinkException(
            LibC.EINTR,
            null,
            $"netlink dump interrupted {MaxDumpAttempts} times in a row (the tables keep changing); try again");
    }

    /// <summary>
    /// Sends an NLM_F_DUMP request and hands each reply to <paramref name="sink"/> as it arrives, holding
    /// nothing: for dumps too large to keep (200k routes). What was handed over cannot be taken back, so an
    /// interrupted dump is reported (true), not retried — as ip does.
    /// </summary>
    public bool DumpEach<T>(ReadOnlySpan<byte> request, MessageDecoder<T> decoder, Action<T> sink)
        where T : class
    {
        var sequence = Send(request);
        var reader = new NetlinkDumpReader<T>(sequence, decoder, sink);
        while (!reader.Accept(Receive()))
        {
        }

        return reader.Interrupted;
    }

    /// <summary>Sends one request and returns the decoded reply, or null with the kernel's error (error.Errno 0 for a bare ack).</summary>
    public T? Request<T>(ReadOnlySpan<byte> request, MessageDecoder<T> decoder, out NetlinkError error)
        where T : class
    {
        var sequence = Send(request);
        while (true)
        {
            foreach (var message in new NetlinkMessageReader(Receive()))
            {
                if (message.Sequence != sequence)
                {
                    continue;
                }

                if (message.Type == NetlinkConstants.NLMSG_ERROR)
                {
                    error = NetlinkError.FromError(message);
                    return null;
                }

                error = default;
                return decoder(message);
            }
        }
    }

    /// <summary>
    /// Sends <paramref name="requests"/> (whole netlink messages, back to back) in one datagram — the kernel handles
    /// them one after the other (netlink_rcv_skb) and queues one reply each — then reads the replies:
    /// <paramref name="replies"/>[i] is request i's decoded reply, or null with <paramref name="errors"/>[i] set.
    /// The caller keeps the batch small enough for the replies to fit the receive buffer.
    /// </summary>
    public void RequestMany<T>(ReadOnlySpan<byte> requests, MessageDecoder<T> decoder, Span<T?> replies, Span<NetlinkError> errors)
        where T : class
    {
        if (_sendBuffer.Length < requests.Length)
        {
            _sendBuffer = new byte[requests.Length];
        }

        requests.CopyTo(_sendBuffer);
        var first = _sequence + 1;
        var count = 0;
        for (var offset = 0; offset < requests.Length; offset += NetlinkConstants.Align((int)BinaryPrimitives.ReadUInt32LittleEndian(_sendBuffer.AsSpan(offset))))
        {
            BinaryPrimitives.WriteUInt32LittleEndian(_sendBuffer.AsSpan(offset + 8), ++_sequence);
            count++;
        }

        if (count != replies.Length || count != errors.Length)
        {
            throw new ArgumentException("one reply and one error slot per request", nameof(replies));
        }

        SendBuffer(requests.Length);
        var answered = 0;
        while (answered < count)
        {
            foreach (var message in new NetlinkMessageReader(Receive()))
            {
                var index = message.Sequence - first;
                if (index >= (uint)count)
                {
                    continue;
                }

                if (message.Type == NetlinkConstants.NLMSG_ERROR)
                {
                    errors[(int)index] = NetlinkError.FromError(message);
                    replies[(int)index] = null;
                }
                else
                {
                    errors[(int)index] = default;
                    replies[(int)index] = decoder(message);
                }

                answered++;
            }
        }
    }

    /// <summary>Stamps a fresh sequence number on the request and sends it to the kernel (port 0).</summary>
    private uint Send(ReadOnlySpan<byte> request)
    {
        if (_sendBuffer.Length < request.Length)
        {
            _sendBuffer = new byte[request.Length];
        }

        request.CopyTo(_sendBuffer);
        var sequence = ++_sequence;
        BinaryPrimitives.WriteUInt32LittleEndian(_sendBuffer.AsSpan(8), sequence);
        SendBuffer(request.Length);
        return sequence;
    }

    /// <summary>Sends the first <paramref name="length"/> bytes of the send buffer to the kernel (port 0).</summary>
    private void SendBuffer(int length)
    {
        var kernel = new SockaddrNetlink { Family = LibC.AF_NETLINK };
        fixed (byte* buffer = _sendBuffer)
        {
            while (LibC.sendto(_fd, buffer, length, 0, &kernel, sizeof(SockaddrNetlink)) < 0)
            {
                var errno = PosixError.Last();
                if (errno != LibC.EINTR)
                {
                    throw new NetlinkException(errno);
                }
            }
        }
    }

    /// <summary>Reads one whole datagram into the reused buffer; peeks its size first so nothing is ever truncated.</summary>
    private ReadOnlySpan<byte> Receive()
    {
        while (true)
        {
            nint length;
            fixed (byte* buffer = _receiveBuffer)
            {
                length = LibC.recvfrom(_fd, buffer, _receiveBuffer.Length, LibC.MSG_PEEK | LibC.MSG_TRUNC, null, null);
                if (length >= 0 && length <= _receiveBuffer.Length)
                {
                    length = LibC.recvfrom(_fd, buffer, _receiveBuffer.Length, 0, null, null);
                }
            }

            if (length < 0)
            {
                var errno = PosixError.Last();
                if (errno == LibC.EINTR)
                {
                    continue;
                }

                throw new NetlinkException(errno);
            }

            if (length > _receiveBuffer.Length)
            {
                _receiveBuffer = new byte[NetlinkConstants.Align((int)length)];
                continue;
            }

            return _receiveBuffer.AsSpan(0, (int)length);
        }
    }

    // multicast listening (routes --watch): linux/netlink.h, asm-generic/errno.h, asm-generic/socket.h
    private const int NETLINK_ADD_MEMBERSHIP = 1;
    private const int SO_RCVTIMEO = 20;
    private const int EAGAIN = 11;

    /// <summary>Joins an rtnetlink multicast group (RTNLGRP_*): the kernel then copies its change notifications to this socket.</summary>
    public void AddMembership(int group)
    {
        if (LibC.setsockopt(_fd, NetlinkConstants.SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group, sizeof(int)) != 0)
        {
            throw new NetlinkException(PosixError.Last());
        }
    }

    /// <summary>Bounds how long <see cref="TryReceive"/> blocks, so a listener can notice that it was cancelled.</summary>
    public void SetReceiveTimeout(TimeSpan timeout)
    {
        var value = new Timeval { Seconds = (long)timeout.TotalSeconds, Microseconds = timeout.Microseconds + (timeout.Milliseconds * 1000) };
        if (LibC.setsockopt(_fd, LibC.SOL_SOCKET, SO_RCVTIMEO, &value, sizeof(Timeval)) != 0)
        {
            throw new NetlinkException(PosixError.Last());
        }
    }

    /// <summary>
    /// One whole datagram, or false when the receive timeout passed first. An overrun (the kernel dropped
    /// notifications because the buffer was full) throws <see cref="NetlinkException"/> with ENOBUFS; the socket stays usable.
    /// </summary>
    public bool TryReceive(out ReadOnlySpan<byte> datagram)
    {
        while (true)
        {
            nint length;
            fixed (byte* buffer = _receiveBuffer)
            {
                length = LibC.recvfrom(_fd, buffer, _receiveBuffer.Length, LibC.MSG_PEEK | LibC.MSG_TRUNC, null, null);
                if (length >= 0 && length <= _receiveBuffer.Length)
                {
                    length = LibC.recvfrom(_fd, buffer, _receiveBuffer.Length, 0, null, null);
                }
            }

            if (length < 0)
            {
                var errno = PosixError.Last();
                if (errno == LibC.EINTR)
                {
                    continue;
                }

                if (errno == EAGAIN)
                {
                    datagram = default;
                    return false;
                }

                throw new NetlinkException(errno);
            }

            if (length > _receiveBuffer.Length)
            {
                _receiveBuffer = new byte[NetlinkConstants.Align((int)length)];
                continue;
            }

            datagram = _receiveBuffer.AsSpan(0, (int)length);
            return true;
        }
    }

    /// <summary>struct timeval on 64-bit Linux.</summary>
    private struct Timeval
    {
        public long Seconds;
        public long Microseconds;
    }

    private static void SetOption(SafeFdHandle handle, int level, int name, int value) =>
        _ = LibC.setsockopt(handle, level, name, &value, sizeof(int));

    public void Dispose() => _fd.Dispose();
}
