using System.Net;

namespace NetLens.Serve.Config;

/// <summary>A loaded blackbox.yml with netlens's own keys: the modules /probe answers for and the targets it may reach.</summary>
public sealed record ServeConfig(IReadOnlyDictionary<string, ProbeModule> Modules, IReadOnlyList<IPNetwork> ProbeAllow)
{
    /// <summary>The targets probed on their own (`continuous:`), or null when there are none.</summary>
    public ContinuousSettings? Continuous { get; init; }

    /// <summary>Probe rate caps and HTTP bounds (`limits:`), the defaults when absent.</summary>
    public LimitSettings Limits { get; init; } = LimitSettings.Default;

    /// <summary>Default refuse all: an exporter must never become an open prober for whoever reaches its port.</summary>
    public bool Allows(IPAddress address) => ProbeAllow.Any(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));
}

/// <summary>The probers blackbox_exporter knows; netlens runs icmp, tcp and its own trace, the others load and answer probe_success 0.</summary>
public enum ProberKind
{
    Icmp,
    Tcp,
    Http,
    Dns,
    Grpc,
    Unix,
    Websocket,

    /// <summary>netlens's own: per-hop loss and round trips of one trace (issue 13).</summary>
    Trace,

    /// <summary>netlens's own: one UDP datagram, the verdict as nmap's -sU.</summary>
    Udp,

    /// <summary>netlens's own: a half-open SYN over a raw socket, as nmap's -sS.</summary>
    TcpSyn,
}

/// <summary>How a module picks the address family: blackbox's preferred_ip_protocol / ip_protocol_fallback.</summary>
public sealed record IpChoice(string PreferredProtocol, bool Fallback, IPAddress? Source);

public sealed record IcmpSettings(int PayloadSize, bool DontFragment, int Ttl);

/// <summary>tcp: what netlens does not run yet (query_response, tls) is kept so the probe can say so.</summary>
public sealed record TcpSettings(bool HasQueryResponse, bool Tls);

public sealed record ProbeModule(string Name, ProberKind Prober, TimeSpan Timeout, IpChoice Ip)
{
    public IcmpSettings Icmp { get; init; } = new(0, false, 64);

    public TcpSettings Tcp { get; init; } = new(false, false);

    /// <summary>netlens's icmp count/interval: one echo by default, exactly blackbox's probe.</summary>
    public IcmpSeries IcmpSeries { get; init; } = IcmpSeries.Single;

    public TraceSettings Trace { get; init; } = TraceSettings.Default;
    public UdpSettings Udp { get; init; } = UdpSettings.Default;

    /// <summary>Why this module cannot run here, or null when it can.</summary>
    public string? Unsupported => Prober switch
    {
        ProberKind.Icmp => null,
        ProberKind.Tcp when Tcp.HasQueryResponse => "tcp query_response is not supported yet",
        ProberKind.Tcp when Tcp.Tls => "tcp tls is not supported yet",
        ProberKind.Tcp => null,
        ProberKind.Trace => null,
        ProberKind.Udp or ProberKind.TcpSyn => null,
        _ => $"{Prober.ToString().ToLowerInvariant()} prober not supported",
    };
}
