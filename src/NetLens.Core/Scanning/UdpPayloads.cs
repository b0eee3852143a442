using System.Net;

namespace NetLens.Core.Scanning;

/// <summary>
/// What a UDP probe carries: a request the service on that well-known port answers (so an open port proves itself open
/// instead of staying open|filtered), or nothing for ports without one — an empty datagram still draws a port unreachable.
/// </summary>
public static class UdpPayloads
{
    /// <summary>The ports that get a protocol request rather than an empty datagram.</summary>
    public static IReadOnlyCollection<int> Known { get; } = [53, 111, 123, 137, 161, 1900, 2049, 5353];

    /// <summary><paramref name="id"/> varies per probe: a DNS id, an RPC xid, an SNMP request id.</summary>
    public static byte[] For(int port, IPAddress target, ushort id) => port switch
    {
        53 => UdpDnsQuery.Build(id),

        // mDNS answers a query from a port other than 5353 as "legacy unicast" (RFC 6762 §6.7), as plain DNS would
        5353 => UdpDnsQuery.Build(id),
        111 => UdpRpcNullCall.Build(id, UdpRpcNullCall.PortmapperProgram, 2),
        2049 => UdpRpcNullCall.Build(id, UdpRpcNullCall.NfsProgram, 3),
        123 => UdpNtpRequest.Build((ulong)id << 16),
        137 => UdpNetbiosStatusQuery.Build(id),
        161 => UdpSnmpGetRequest.Build(id),
        1900 => UdpSsdpSearch.Build(target, port),
        _ => [],
    };
}
