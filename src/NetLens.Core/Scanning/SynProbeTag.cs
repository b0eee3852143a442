namespace NetLens.Core.Scanning;

/// <summary>
/// Numbers each probe inside its sequence number: attempt and port, scrambled with a per-scan key. A SYN's answer
/// acknowledges sequence + 1 (RFC 9293 §3.10.7.3), an ICMP error quotes the sequence itself, and an ACK probe's RST
/// carries the acknowledgment number as its sequence; so every reply names the exact attempt it answers, and a reply
/// is never matched by when it came. The attempt sits in the top byte: two attempts' sequence numbers lie 2^24 apart,
/// outside any receive window, so a retry that meets the target's half-open connection from an earlier attempt is not
/// "a SYN in window", which Linux answers with RST (an open port would read closed).
/// </summary>
public readonly record struct SynProbeTag(uint Key)
{
    /// <summary>Attempts fit in the top byte; the schedule never makes more.</summary>
    public const int MaxAttempt = 255;

    /// <summary>Timing pings (re-probes of a port that answered) number from here, so they are never taken for a real attempt.</summary>
    public const int FirstPingAttempt = 128;

    public uint Sequence(int port, int attempt) => Key ^ (((uint)attempt << 24) | ((uint)port << 8));

    /// <summary>Reads the port and attempt a number carries; false when it is not one of this scan's (the low byte must be intact).</summary>
    public bool TryRead(uint sequence, out int port, out int attempt)
    {
        var tag = sequence ^ Key;
        port = (int)((tag >> 8) & 0xFFFF);
        attempt = (int)(tag >> 24);
        return (tag & 0xFF) == 0 && attempt > 0;
    }

    /// <summary>
    /// Which of <paramref name="count"/> source ports an attempt leaves from: each retry comes from another port, so it
    /// opens a fresh connection at the target instead of meeting the half-open one an earlier attempt left.
    /// </summary>
    public static int SourcePortIndex(int attempt, int count) => (attempt - 1) % count;

    /// <summary>A SYN/ACK or RST to a SYN acknowledges the SYN's sequence + 1.</summary>
    public bool TryReadAcknowledged(uint acknowledgment, out int port, out int attempt) => TryRead(acknowledgment - 1, out port, out attempt);
}
