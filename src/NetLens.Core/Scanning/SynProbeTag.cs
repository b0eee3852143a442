namespace NetLens.Core.Scanning;

/// <summary>
/// Numbers each probe inside its sequence number: port and attempt, scrambled with a per-scan key. A SYN's answer
/// acknowledges sequence + 1 (RFC 9293 §3.10.7.3), an ICMP error quotes the sequence itself, and an ACK probe's RST
/// carries the acknowledgment number as its sequence; so every reply names the exact attempt it answers, and a reply
/// is never matched by when it came.
/// </summary>
public readonly record struct SynProbeTag(uint Key)
{
    /// <summary>Attempts fit in the low byte; the schedule never makes more.</summary>
    public const int MaxAttempt = 255;

    public uint Sequence(int port, int attempt) => Key ^ (((uint)port << 8) | (uint)attempt);

    /// <summary>Reads the port and attempt a number carries; false when it is not one of this scan's (the top byte must be intact).</summary>
    public bool TryRead(uint sequence, out int port, out int attempt)
    {
        var tag = sequence ^ Key;
        port = (int)((tag >> 8) & 0xFFFF);
        attempt = (int)(tag & 0xFF);
        return tag >> 24 == 0 && attempt > 0;
    }

    /// <summary>A SYN/ACK or RST to a SYN acknowledges the SYN's sequence + 1.</summary>
    public bool TryReadAcknowledged(uint acknowledgment, out int port, out int attempt) => TryRead(acknowledgment - 1, out port, out attempt);
}
