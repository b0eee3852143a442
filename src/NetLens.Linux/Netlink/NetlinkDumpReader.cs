namespace NetLens.Linux.Netlink;

/// <summary>Turns one reply message into a value, or null to skip it.</summary>
internal delegate T? MessageDecoder<T>(in NetlinkMessage message)
    where T : class;

/// <summary>Collects the answer to one NLM_F_DUMP request, datagram by datagram, until NLMSG_DONE. Pure: the socket feeds it.</summary>
internal sealed class NetlinkDumpReader<T>
    where T : class
{
    private readonly uint _sequence;
    private readonly MessageDecoder<T> _decoder;

    private readonly Action<T>? _sink;

    /// <param name="sequence">The request's sequence number; other messages are ignored.</param>
    /// <param name="decoder">Turns a message into an item.</param>
    /// <param name="sink">Receives each item as it is decoded instead of collecting it in <see cref="Items"/>.</param>
    public NetlinkDumpReader(uint sequence, MessageDecoder<T> decoder, Action<T>? sink = null)
    {
        _sequence = sequence;
        _decoder = decoder;
        _sink = sink;
    }

    public List<T> Items { get; } = [];

    /// <summary>The kernel flagged NLM_F_DUMP_INTR: the tables changed mid-dump, so the result may be inconsistent.</summary>
    public bool Interrupted { get; private set; }

    public bool Done { get; private set; }

    /// <summary>Takes one datagram; true once NLMSG_DONE arrived. Throws <see cref="NetlinkException"/> on NLMSG_ERROR.</summary>
    public bool Accept(ReadOnlySpan<byte> datagram)
    {
        foreach (var message in new NetlinkMessageReader(datagram))
        {
            // a late answer to an earlier request on this socket, not ours
            if (message.Sequence != _sequence)
            {
                continue;
            }

            if ((message.Flags & NetlinkConstants.NLM_F_DUMP_INTR) != 0)
            {
                Interrupted = true;
            }

            switch (message.Type)
            {
                case NetlinkConstants.NLMSG_DONE:
                    var end = NetlinkError.FromDone(message);
                    if (!end.IsAck)
                    {
                        throw end.ToException();
                    }

                    Done = true;
                    return true;
                case NetlinkConstants.NLMSG_ERROR:
                    var error = NetlinkError.FromError(message);
                    if (!error.IsAck)
                    {
                        throw error.ToException();
                    }

                    Done = true;
                    return true;
                case NetlinkConstants.NLMSG_NOOP:
                    break;
                default:
                    var item = _decoder(message);
                    if (item is null)
                    {
                        break;
                    }

                    if (_sink is not null)
                    {
                        _sink(item);
                    }
                    else
                    {
                        Items.Add(item);
                    }

                    break;
            }
        }

        return false;
    }
}
