namespace NetLens.Core.Scanning;

/// <summary>What one connect() attempt came to, before any state is decided.</summary>
public enum ProbeOutcome
{
    /// <summary>The handshake completed.</summary>
    Connected,

    /// <summary>ECONNREFUSED.</summary>
    Refused,

    /// <summary>EHOSTUNREACH.</summary>
    HostUnreachable,

    /// <summary>ENETUNREACH.</summary>
    NetworkUnreachable,

    /// <summary>EACCES/EPERM: a local firewall rule refused to send it.</summary>
    Prohibited,

    /// <summary>No answer before the attempt's timeout.</summary>
    TimedOut,
}

/// <summary>A probe outcome turned into nmap's state and reason for a connect scan (-sT).</summary>
public static class ConnectScanVerdict
{
    /// <summary>Null while the outcome is silence: the caller retries, and <see cref="Silent"/> applies once retries run out.</summary>
    public static (PortState State, PortReason Reason)? Decide(ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.Connected => (PortState.Open, PortReason.SynAck),
        ProbeOutcome.Refused => (PortState.Closed, PortReason.ConnRefused),
        ProbeOutcome.HostUnreachable => (PortState.Filtered, PortReason.HostUnreach),
        ProbeOutcome.NetworkUnreachable => (PortState.Filtered, PortReason.NetUnreach),
        ProbeOutcome.Prohibited => (PortState.Filtered, PortReason.AdminProhibited),
        ProbeOutcome.TimedOut => null,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>Silence after every retry: nmap calls it filtered.</summary>
    public static (PortState State, PortReason Reason) Silent => (PortState.Filtered, PortReason.NoResponse);
}
