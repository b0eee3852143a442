namespace NetLens.Core.Sockets;

/// <summary>
/// Which TCP sockets `sockets -s` and `--check` must see, so the kernel builds as few answers as give exact figures.
/// Counters the kernel keeps per namespace answer the rest: sockets used, inuse, tw (sockstat) and CurrEstab (snmp).
/// Three walks: the listeners (the kernel walks only its small listening hash); the states counted one by one,
/// whatever their port; the remaining states only for local ports no listener holds, because an accepted
/// connection shares its listener's port and adds no figure and no finding — on a server that is nearly every socket.
/// </summary>
public static class TcpSummaryWalks
{
    public static SocketStateSet Listeners => SocketStateSet.Of(SocketState.Listen);

    /// <summary>
    /// SYN-RECV (no counter), the states orphans can be in (the kernel's orphan counter is host-wide), bound-only
    /// sockets (closed, kernel 6.8+); TIME-WAIT too once the kernel counts enough of them that one peer could
    /// hold a pile (<see cref="SocketChecker.TimeWaitPile"/>), else its counter is all the summary needs.
    /// </summary>
    public static SocketStateSet Counted(int timeWaitCounter)
    {
        var states = SocketStateSet.Of(
            SocketState.SynRecv,
            SocketState.FinWait1,
            SocketState.FinWait2,
            SocketState.Closing,
            SocketState.LastAck,
            SocketState.BoundInactive);
        return timeWaitCounter >= SocketChecker.TimeWaitPile ? states.With(SocketStateSet.Of(SocketState.TimeWait)) : states;
    }

    /// <summary>Every other state (established, SYN-SENT, CLOSE-WAIT, TIME-WAIT unless counted): asked for their local ports and the per-destination checks.</summary>
    public static SocketStateSet Rest(SocketStateSet counted) =>
        new(SocketStateSet.All.Without(SocketState.Listen, SocketState.NewSynRecv).Mask & ~counted.Mask);
}
