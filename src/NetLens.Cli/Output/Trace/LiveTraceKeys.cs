namespace NetLens.Cli.Output.Trace;

/// <summary>What a key asks of the live view.</summary>
public enum LiveTraceKey
{
    None,

    /// <summary>q: end at once, printing nothing more.</summary>
    Quit,

    /// <summary>p: stop probing, or start again.</summary>
    Pause,

    /// <summary>r: forget the counters and start them over.</summary>
    Reset,
}

/// <summary>Maps the bytes typed at the terminal to the live view's keys (mtr's letters, either case).</summary>
public static class LiveTraceKeys
{
    /// <summary>Ctrl-C read as a byte: with ISIG on it arrives as SIGINT instead, but a terminal without it still quits.</summary>
    private const int EndOfText = 0x03;

    public static LiveTraceKey Of(int key) => key switch
    {
        'q' or 'Q' or EndOfText => LiveTraceKey.Quit,
        'p' or 'P' => LiveTraceKey.Pause,
        'r' or 'R' => LiveTraceKey.Reset,
        _ => LiveTraceKey.None,
    };
}
