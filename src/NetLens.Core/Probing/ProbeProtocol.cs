namespace NetLens.Core.Probing;

/// <summary>What a probe is made of; the protocol of the original datagram an ICMP error quotes.</summary>
public enum ProbeProtocol
{
    Icmp,
    Udp,
    Tcp,
    Other,
}
