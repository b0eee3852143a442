using System.Net;

namespace NetLens.Core.Probing;

/// <summary>
/// What every probe of one flow has in common (Paris-style: constant ports/identifier, so ECMP routers hash all its
/// probes onto one path) and how a reply is matched to the probe it answers — by what it quotes, never by timing.
/// </summary>
/// <remarks>
/// Probes are numbered by the ICMP sequence, for UDP by the first two payload bytes, for TCP by the sequence number.
/// A raw socket sees every ICMP message of the host, so raw ICMP probes also carry the trace's <see cref="Tag"/> in
/// their payload and a reply that shows another tag is not ours (raw TCP probes have source ports no one else holds).
/// </remarks>
public sealed record TraceFlow
{
    public required ProbeProtocol Protocol { get; init; }
    public required IPAddress Target { get; init; }

    /// <summary>ICMP echo identifier (the kernel's for datagram sockets: the local port).</summary>
    public ushort Identifier { get; init; }

    public ushort SourcePort { get; init; }
    public ushort DestinationPort { get; init; }

    /// <summary>The trace's tag in raw ICMP probes' payload; 0 = not tagged.</summary>
    public uint Tag { get; init; }

    /// <summary>The probe sequence an echo reply or ICMP error answers, or false if it belongs to someone else.</summary>
    public bool TryMatch(IcmpMessage message, out ushort sequence)
    {
        sequence = 0;
        if (message.Kind == IcmpMessageKind.EchoReply)
        {
            // Echo replies carry our whole payload back, so a tagged flow insists on seeing its tag.
            if (Protocol != ProbeProtocol.Icmp || message.Identifier != Identifier
                || (Tag != 0 && (message.Payload.Length < IcmpProbePayload.Length || !IcmpProbePayload.Carries(message.Payload.Span, Tag))))
            {
                return false;
            }

            sequence = message.Sequence;
            return true;
        }

        if (!message.IsError || message.Quoted is not { } quoted || quoted.Protocol != Protocol || !quoted.Destination.Equals(Target))
        {
            return false;
        }

        switch (Protocol)
        {
            case ProbeProtocol.Icmp when quoted.Identifier == Identifier && (Tag == 0 || IcmpProbePayload.Carries(quoted.Payload.Span, Tag)):
                sequence = quoted.Sequence;
                return true;
            case ProbeProtocol.Udp when quoted.SourcePort == SourcePort && quoted.DestinationPort == DestinationPort:
                return UdpProbePayload.TryReadSequence(quoted.Payload.Span, out sequence);
            default:
                return false;
        }
    }

    /// <summary>The sequence number of our SYN an ICMP error quotes, if it quotes this flow's ports and target.</summary>
    public bool TryMatchTcp(IcmpMessage message, out uint tcpSequence)
    {
        tcpSequence = 0;
        if (Protocol != ProbeProtocol.Tcp || !message.IsError || message.Quoted is not { } quoted || quoted.Protocol != ProbeProtocol.Tcp
            || !quoted.Destination.Equals(Target) || quoted.SourcePort != SourcePort || quoted.DestinationPort != DestinationPort)
        {
            return false;
        }

        tcpSequence = quoted.TcpSequence;
        return true;
    }

    /// <summary>The sequence number of our SYN a TCP segment from <paramref name="sender"/> answers: the destination's SYN-ACK or RST.</summary>
    public bool TryMatchAnswer(IPAddress sender, TcpSegmentHeader segment, out uint tcpSequence)
    {
        tcpSequence = 0;
        return Protocol == ProbeProtocol.Tcp && sender.Equals(Target)
            && segment.SourcePort == DestinationPort && segment.DestinationPort == SourcePort
            && TcpSynProbe.TryReadAnswer(segment, out tcpSequence);
    }
}
