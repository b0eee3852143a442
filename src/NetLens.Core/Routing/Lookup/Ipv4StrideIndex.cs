namespace NetLens.Core.Routing.Lookup;

/// <summary>
/// Longest-prefix match for one IPv4 table in at most three array reads (DIR-16-8-8, after Gupta's DIR-24-8):
/// a 64k array indexed by the top 16 bits, then 256-entry blocks for the third and fourth octets, made only
/// under the /16s and /24s that hold longer prefixes. An entry is the longest prefix's node ordinal + 1
/// (0: no prefix), or ~block for the next level.
/// </summary>
internal sealed class Ipv4StrideIndex
{
    private const int BlockSize = 256;

    private readonly int[] _top = new int[1 << 16];
    private int[] _blocks = new int[BlockSize * 64];
    private int _blockCount;

    /// <summary>The ordinal of the longest prefix's node that holds <paramref name="address"/>, or -1.</summary>
    public int Find(uint address)
    {
        var entry = _top[address >> 16];
        if (entry >= 0)
        {
            return entry - 1;
        }

        entry = _blocks[(~entry * BlockSize) + (int)((address >> 8) & 0xff)];
        if (entry >= 0)
        {
            return entry - 1;
        }

        return _blocks[(~entry * BlockSize) + (int)(address & 0xff)] - 1;
    }

    /// <summary>
    /// Adds prefix <paramref name="key"/>/<paramref name="length"/> with entry <paramref name="value"/> (&gt; 0).
    /// Prefixes must come shortest first: a longer one overwrites the entries it covers, and a block made for a
    /// longer prefix starts from the entry above it, which already holds every shorter prefix.
    /// </summary>
    public void Insert(uint key, int length, int value)
    {
        var top = (int)(key >> 16);
        if (length <= 16)
        {
            Array.Fill(_top, value, top, 1 << (16 - length));
            return;
        }

        if (_top[top] >= 0)
        {
            _top[top] = ~MakeBlock(_top[top]);
        }

        var third = (~_top[top] * BlockSize) + (int)((key >> 8) & 0xff);
        if (length <= 24)
        {
            Array.Fill(_blocks, value, third, 1 << (24 - length));
            return;
        }

        if (_blocks[third] >= 0)
        {
            // MakeBlock may grow _blocks: the entry is written after, into the array it returns into.
            var block = MakeBlock(_blocks[third]);
            _blocks[third] = ~block;
        }

        Array.Fill(_blocks, value, (~_blocks[third] * BlockSize) + (int)(key & 0xff), 1 << (32 - length));
    }

    /// <summary>A new block whose every entry is <paramref name="value"/> (what the entry above it held).</summary>
    private int MakeBlock(int value)
    {
        if ((_blockCount + 1) * BlockSize > _blocks.Length)
        {
            Array.Resize(ref _blocks, _blocks.Length * 2);
        }

        var block = _blockCount++;
        Array.Fill(_blocks, value, block * BlockSize, BlockSize);
        return block;
    }
}
