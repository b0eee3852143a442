using System.Text;
using YamlDotNet.RepresentationModel;

namespace NetLens.Serve.Config;

public static partial class ServeConfigReader
{
    // The most one IPv4 datagram carries: 65535 less 20 bytes of IP header and 8 of UDP.
    private const int MaxUdpPayload = 65507;

    private static readonly HashSet<string> UdpKeys = ["preferred_ip_protocol", "ip_protocol_fallback", "source_ip_address", "payload", "expect_reply"];

    // The raw session sends from the route's own source address (the checksum covers it), so there is no source_ip_address.
    private static readonly HashSet<string> TcpSynKeys = ["preferred_ip_protocol", "ip_protocol_fallback"];

    /// <summary>udp: and tcp_syn:, netlens's keys, read as strictly as blackbox's own (an unknown key is an error).</summary>
    private static ProbeModule ReadPortModule(ProbeModule module, YamlMappingNode map, string source)
    {
        var name = module.Name;
        if (module.Prober == ProberKind.Udp && Get(map, "udp") is { } udpNode)
        {
            var udp = Map(udpNode, source, $"module {name} udp");
            CheckKeys(udp, UdpKeys, source, $"module {name} udp");

            // A YAML string, so "\x00"-style escapes in double quotes give any byte below 0x80; an empty one sends an empty datagram.
            var payload = Get(udp, "payload") is { } p ? Encoding.UTF8.GetBytes(Scalar(p, source, "payload")) : null;
            if (payload is { Length: > MaxUdpPayload })
            {
                throw Error(source, udpNode, $"module {name}: udp payload must be at most {MaxUdpPayload} bytes, not {payload.Length}");
            }

            return module with { Ip = Ip(udp, source, name), Udp = new UdpSettings(payload, Bool(udp, "expect_reply", source, false)) };
        }

        if (module.Prober == ProberKind.TcpSyn && Get(map, "tcp_syn") is { } synNode)
        {
            var syn = Map(synNode, source, $"module {name} tcp_syn");
            CheckKeys(syn, TcpSynKeys, source, $"module {name} tcp_syn");
            return module with { Ip = Ip(syn, source, name) };
        }

        return module;
    }
}
