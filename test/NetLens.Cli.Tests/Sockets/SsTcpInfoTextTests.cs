using NetLens.Cli.Output.Sockets;
using NetLens.Core.Sockets;

namespace NetLens.Cli.Tests.Sockets;

public class SsTcpInfoTextTests
{
    // the values of a captured loopback connection (Fixtures/sockdiag in the Linux tests); ss -tni printed this line for it
    private static readonly TcpInfo Captured = new()
    {
        Options = 7,
        SendWindowScale = 10,
        ReceiveWindowScale = 10,
        RtoUs = 204_000,
        RttUs = 6,
        RttVarUs = 3,
        SendMss = 32768,
        Pmtu = 65535,
        ReceiveMss = 536,
        AdvMss = 65483,
        SendCwnd = 10,
        SendSsthresh = 0x7FFFFFFF,
        SegsIn = 2,
        LastDataSentMs = 107440,
        LastDataReceivedMs = 107440,
        LastAckReceivedMs = 107440,
        PacingRate = 156076796278,
        Delivered = 1,
        AppLimited = true,
        ReceiveSpace = 65483,
        ReceiveSsthresh = 65483,
        MinRttUs = 6,
        SendWindow = 65536,
    };

    [Fact]
    public void Numeric_line_has_ss_words_in_ss_order()
    {
        Assert.Equal(
            "bbr wscale:10,10 rto:204 rtt:0.006/0.003 mss:32768 pmtu:65535 rcvmss:536 advmss:65483 cwnd:10 segs_in:2 send 436906666667bps lastsnd:107440 lastrcv:107440 lastack:107440 pacing_rate 1248614370224bps delivered:1 app_limited rcv_space:65483 rcv_ssthresh:65483 minrtt:0.006 snd_wnd:65536",
            SsDetailsText.TcpInfo(Captured, "bbr", numeric: true, extended: false));
    }

    [Fact]
    public void Extended_adds_the_option_words_and_names_rates_in_units()
    {
        var text = SsDetailsText.TcpInfo(Captured, "bbr", numeric: false, extended: true);

        Assert.StartsWith("ts sack bbr wscale:10,10", text, StringComparison.Ordinal);
        Assert.Contains("send 436.9Gbps", text, StringComparison.Ordinal);
    }
}
