using System.Net;

namespace NetLens.Core.Probing;

/// <summary>
/// What every probe of one trace has in common (Paris-style: constant ports/identifier per trace, so ECMP routers
/// hash all probes onto one path) and how a reply is matched to the probe it answers.
/// </summary>
/// <remarks>Probes are numbered by the ICMP sequence, or for UDP by the first two payload bytes.</remarks>
public sealed record TraceFlow
{
    public required ProbeProtocol Protocol { get; init; }
    public required IPAddress Target { get; init; }

    /// <summary>ICMP echo identifier (the kernel's for datagram sockets: the local port).</summary>
    public ushort Identifier { get; init; }

    public ushort SourcePort { get; init; }
    public ushort DestinationPort { get; init; }

    /// <summary>The probe sequence an echo reply or ICMP error answers, or false if it belongs to someone else.</summary>
    public bool TryMatch(IcmpMessage message, out ushort sequence)
    {
        sequence = 0;
        if (message.Kind == IcmpMessageKind.EchoReply)
        {
            if (Protocol != ProbeProtocol.Icmp || message.Identifier != Identifier)
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
            case ProbeProtocol.Icmp when quoted.Identifier == Identifier:
                sequence = quoted.Sequence;
                return true;
            case ProbeProtocol.Udp when quoted.SourcePort == SourcePort && quoted.DestinationPort == DestinationPort:
                return UdpProbePayload.TryReadSequence(quoted.Payload.Span, out sequence);
            default:
                return false;
        }
    }
}
