using System.Net;
using System.Net.Sockets;
using NetLens.Core.Addressing;

namespace NetLens.Core.Sockets;

/// <summary>One node of an ss-style filter expression (`dport = :443 and src 198.18.0.0/15`).</summary>
public abstract record SocketCondition
{
    public abstract bool Matches(SocketEntry socket);
}

public enum EndpointSide
{
    Source,
    Destination,
}

public enum PortComparison
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>`sport OP :PORT` / `dport OP :PORT`; sport is the local port, dport the peer's, as ss means them.</summary>
public sealed record PortCondition(EndpointSide Side, PortComparison Comparison, int Port) : SocketCondition
{
    public override bool Matches(SocketEntry socket)
    {
        var port = Side == EndpointSide.Source ? socket.LocalPort : socket.PeerPort;
        return Comparison switch
        {
            PortComparison.Equal => port == Port,
            PortComparison.NotEqual => port != Port,
            PortComparison.Less => port < Port,
            PortComparison.LessOrEqual => port <= Port,
            PortComparison.Greater => port > Port,
            _ => port >= Port,
        };
    }
}

/// <summary>`src PREFIX[:PORT]` / `dst PREFIX[:PORT]`; an IPv4 prefix also matches v4-mapped IPv6 sockets, as the kernel's filter does.</summary>
public sealed record AddressCondition(EndpointSide Side, IpPrefix? Prefix, int? Port) : SocketCondition
{
    public override bool Matches(SocketEntry socket)
    {
        var address = Side == EndpointSide.Source ? socket.LocalAddress : socket.PeerAddress;
        var port = Side == EndpointSide.Source ? socket.LocalPort : socket.PeerPort;
        if (Port is { } wanted && port != wanted)
        {
            return false;
        }

        if (Prefix is not { } prefix)
        {
            return true;
        }

        if (prefix.Family == AddressFamily.InterNetwork && address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == prefix.Family && prefix.Contains(address);
    }
}

public sealed record NotCondition(SocketCondition Inner) : SocketCondition
{
    public override bool Matches(SocketEntry socket) => !Inner.Matches(socket);
}

public sealed record AndCondition(SocketCondition Left, SocketCondition Right) : SocketCondition
{
    public override bool Matches(SocketEntry socket) => Left.Matches(socket) && Right.Matches(socket);
}

public sealed record OrCondition(SocketCondition Left, SocketCondition Right) : SocketCondition
{
    public override bool Matches(SocketEntry socket) => Left.Matches(socket) || Right.Matches(socket);
}

/// <summary>What to list: the states (null: the options' default) and an expression (null: everything).</summary>
public sealed record SocketFilter(SocketStateSet? States, SocketCondition? Condition)
{
    public static SocketFilter Everything { get; } = new(null, null);

    public bool Matches(SocketEntry socket) => Condition?.Matches(socket) ?? true;

    /// <summary>An address the user wrote, for error messages and for IPAddress parsing of `[v6]`.</summary>
    internal static IPAddress? ParseAddress(string text) =>
        IPAddress.TryParse(text.Trim('[', ']'), out var address) ? address : null;
}
