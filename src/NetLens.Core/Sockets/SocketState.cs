namespace NetLens.Core.Sockets;

/// <summary>The kernel's TCP states (include/net/tcp_states.h); UDP and raw sockets use Established and Close too.</summary>
public enum SocketState : byte
{
    Unknown = 0,
    Established = 1,
    SynSent = 2,
    SynRecv = 3,
    FinWait1 = 4,
    FinWait2 = 5,
    TimeWait = 6,
    Close = 7,
    CloseWait = 8,
    LastAck = 9,
    Listen = 10,
    Closing = 11,

    /// <summary>A request socket in the established hash; sock_diag reports it as SynRecv.</summary>
    NewSynRecv = 12,

    /// <summary>Bound but neither listening nor connected (kernel 6.8+ reports these on request).</summary>
    BoundInactive = 13,
}

/// <summary>A set of states as the kernel's idiag_states bit mask (bit n = state n).</summary>
public readonly record struct SocketStateSet(uint Mask)
{
    public static SocketStateSet None => new(0);

    /// <summary>Every state sock_diag can report, bound-only sockets excluded (as ss -a).</summary>
    public static SocketStateSet All => new(0x1FFE);

    /// <summary>ss's default: connected sockets, not listening, closed, TIME-WAIT or SYN-RECV.</summary>
    public static SocketStateSet Connected => All.Without(SocketState.Listen, SocketState.Close, SocketState.TimeWait, SocketState.SynRecv, SocketState.NewSynRecv);

    /// <summary>ss -l: listening TCP sockets and unconnected UDP/raw ones.</summary>
    public static SocketStateSet Listening => Of(SocketState.Listen, SocketState.Close);

    public static SocketStateSet Of(params SocketState[] states)
    {
        var mask = 0u;
        foreach (var state in states)
        {
            mask |= 1u << (int)state;
        }

        return new SocketStateSet(mask);
    }

    public bool Contains(SocketState state) => (Mask & (1u << (int)state)) != 0;

    public bool IsEmpty => Mask == 0;

    /// <summary>Exactly one state chosen.</summary>
    public bool IsSingle => Mask != 0 && (Mask & (Mask - 1)) == 0;

    public SocketStateSet With(SocketStateSet other) => new(Mask | other.Mask);

    public SocketStateSet Without(params SocketState[] states) => new(Mask & ~Of(states).Mask);

    /// <summary>The mask to ask the kernel for: request sockets live as NewSynRecv in its tables.</summary>
    public uint KernelMask => Contains(SocketState.SynRecv) ? Mask | (1u << (int)SocketState.NewSynRecv) : Mask;
}
