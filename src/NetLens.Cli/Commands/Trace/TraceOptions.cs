using System.Net.Sockets;
using NetLens.Cli.Output.Trace;

namespace NetLens.Cli.Commands.Trace;

/// <summary>What `netlens trace` was asked to do.</summary>
public sealed record TraceOptions
{
    public required string Host { get; init; }
    public bool Numeric { get; init; }
    public int Count { get; init; } = 10;
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);
    public int MaxHops { get; init; } = 30;

    /// <summary>-f: the first TTL probed.</summary>
    public int FirstTtl { get; init; } = 1;

    /// <summary>-s: the whole IP packet size of ICMP and UDP probes; null: the smallest probe.</summary>
    public int? PacketSize { get; init; }
    public ushort Port { get; init; } = 33434;
    public bool Icmp { get; init; }

    /// <summary>-u given: UDP even where the default would be ICMP.</summary>
    public bool Udp { get; init; }
    public bool Report { get; init; }

    /// <summary>-e: MPLS label lines in the report.</summary>
    public bool Mpls { get; init; }

    /// <summary>-c was given: the live view stops after that many rounds instead of running until q.</summary>
    public bool CountGiven { get; init; }
    public bool Tcp { get; init; }

    /// <summary>How many flows (source ports or identifiers) probes are spread over; 1 = one constant flow.</summary>
    public int Flows { get; init; } = 1;

    public bool Csv { get; init; }

    /// <summary>-w: report names whole, not cut.</summary>
    public bool Wide { get; init; }

    /// <summary>-b: named hosts as "name (address)".</summary>
    public bool ShowIps { get; init; }

    /// <summary>-4 / -6: the family a host name must resolve to; null takes the resolver's first address.</summary>
    public AddressFamily? Family { get; init; }

    /// <summary>-o: the report's and live view's columns.</summary>
    public MtrFields Fields { get; init; } = MtrFields.Default;

    /// <summary>--timeout was not given: <see cref="Timeout"/> is only the ceiling of an adaptive wait.</summary>
    public bool AdaptiveTimeout { get; init; }
    public bool Json { get; init; }
    public bool Verbose { get; init; }
    public string? Netns { get; init; }
}
