namespace NetLens.Core.Probing;

/// <summary>Numbers probes so a reply names its round and TTL: low byte TTL, high byte round (mod 256).</summary>
public static class ProbeSequence
{
    public static ushort Of(int round, int ttl) => (ushort)(((round & 0xFF) << 8) | (ttl & 0xFF));

    /// <summary>The TTL a sequence was sent with, if it belongs to <paramref name="round"/>; late replies of older rounds do not.</summary>
    public static bool TryTtlInRound(ushort sequence, int round, out int ttl)
    {
        ttl = sequence & 0xFF;
        return sequence >> 8 == (round & 0xFF) && ttl > 0;
    }
}
