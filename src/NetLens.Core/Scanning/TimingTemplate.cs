namespace NetLens.Core.Scanning;

/// <summary>
/// nmap's -T0…-T5 templates as limits for netlens's adaptive timing. The documented intent is kept: 0-2 send one probe
/// at a time with 5 min, 15 s and 0.4 s between probes; 3 is the default; 4 and 5 start with shorter timeouts
/// (500 and 250 ms) and cap them lower (1.25 s, 300 ms). Retries under measured loss stay: accuracy is not traded.
/// </summary>
public static class TimingTemplate
{
    public const int Default = 3;

    public static ScanTiming For(int level) => level switch
    {
        0 => Serial(TimeSpan.FromMinutes(5)),
        1 => Serial(TimeSpan.FromSeconds(15)),
        2 => Serial(TimeSpan.FromMilliseconds(400)),
        3 => ScanTiming.Default,
        4 => ScanTiming.Default with
        {
            InitialTimeout = TimeSpan.FromMilliseconds(500),
            MaxTimeout = TimeSpan.FromMilliseconds(1250),
            InitialWindow = 20,
        },
        5 => ScanTiming.Default with
        {
            InitialTimeout = TimeSpan.FromMilliseconds(250),
            MaxTimeout = TimeSpan.FromMilliseconds(300),
            MinTimeout = TimeSpan.FromMilliseconds(50),
            InitialWindow = 40,
        },
        _ => throw new UsageException($"-T takes 0 to 5 (paranoid, sneaky, polite, normal, aggressive, insane), not {level}"),
    };

    /// <summary>
    /// The limits for raw probes (SYN scan): a raw probe holds no descriptor, so the window may grow to thousands, and every
    /// reply names its attempt, so an answer after its timeout still counts: a shorter timeout floor costs only a resend.
    /// The serial templates stay serial.
    /// </summary>
    public static ScanTiming ForRawProbes(ScanTiming timing) => timing.MaxWindow <= 1 ? timing : timing with
    {
        MinTimeout = timing.MinTimeout < RawMinTimeout ? timing.MinTimeout : RawMinTimeout,
        MaxWindow = Math.Max(timing.MaxWindow, RawMaxWindow),
    };

    /// <summary>Twice this is what the last attempt of a silent port waits.</summary>
    public static readonly TimeSpan RawMinTimeout = TimeSpan.FromMilliseconds(50);

    public const double RawMaxWindow = 4096;

    /// <summary>One probe in flight per host and a pause between probes.</summary>
    private static ScanTiming Serial(TimeSpan delay) => ScanTiming.Default with
    {
        ScanDelay = delay,
        InitialWindow = 1,
        MaxWindow = 1,
        InitialSlowStartThreshold = 1,
    };
}
