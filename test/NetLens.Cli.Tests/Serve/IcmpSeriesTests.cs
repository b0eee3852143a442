using NetLens.Core;
using NetLens.Serve.Config;
using NetLens.Serve.Probing;

namespace NetLens.Cli.Tests.Serve;

public sealed class IcmpSeriesTests
{
    [Fact]
    public void Count_and_interval_are_read_inside_the_icmp_block()
    {
        var config = ServeConfigReader.Read("""
            modules:
              loss:
                prober: icmp
                timeout: 5s
                icmp:
                  preferred_ip_protocol: ip4
                  count: 20
                  interval: 100ms
              plain:
                prober: icmp
                icmp:
                  ttl: 9
            """, "x.yml");

        Assert.Equal(new IcmpSeries(20, TimeSpan.FromMilliseconds(100)), config.Modules["loss"].IcmpSeries);
        Assert.Equal("ip4", config.Modules["loss"].Ip.PreferredProtocol);

        // Without the keys: one echo, blackbox's probe.
        Assert.Equal(IcmpSeries.Single, config.Modules["plain"].IcmpSeries);
        Assert.Equal(1, IcmpSeries.Single.Count);
    }

    [Theory]
    [InlineData("count: 0", "x.yml:5: module a: icmp count must be 1..1000, not 0")]
    [InlineData("count: 1001", "x.yml:5: module a: icmp count must be 1..1000, not 1001")]
    [InlineData("count: many", "x.yml:5: count: \"many\" is not a whole number")]
    [InlineData("interval: 1 s", "x.yml:5: module a: icmp interval \"1 s\" is not a duration")]
    [InlineData("interval: 0", "x.yml:5: module a: icmp interval \"0\" is not a duration of at least 1ms")]
    [InlineData("count: 10\n      interval: 1s", "x.yml:5: module a: icmp count 10 at interval 1s does not fit in the timeout of 5s")]
    [InlineData("counts: 10", "x.yml:5: module a icmp: unknown key \"counts\"")]
    public void A_bad_count_or_interval_is_a_config_error(string keys, string start)
    {
        var text = $"modules:\n  a:\n    prober: icmp\n    icmp:\n      {keys}\n    timeout: 5s\n";
        var error = Assert.Throws<UsageException>(() => ServeConfigReader.Read(text, "x.yml"));
        Assert.StartsWith(start, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_counts_the_unanswered_echoes_as_loss_and_spreads_the_answered_ones()
    {
        var summary = EchoSeriesSummary.Of([TimeSpan.FromMilliseconds(2), null, TimeSpan.FromMilliseconds(4), null, TimeSpan.FromMilliseconds(3)]);

        Assert.Equal(5, summary.Sent);
        Assert.Equal(3, summary.Received);
        Assert.Equal(0.4, summary.LossRatio, 9);
        Assert.Equal(TimeSpan.FromMilliseconds(2), summary.Min);
        Assert.Equal(TimeSpan.FromMilliseconds(3), summary.Average);
        Assert.Equal(TimeSpan.FromMilliseconds(4), summary.Max);
    }

    [Fact]
    public void No_reply_is_full_loss_without_rtts_and_nothing_sent_is_full_loss_too()
    {
        var lost = EchoSeriesSummary.Of([null, null]);
        Assert.Equal((2, 0, 1.0), (lost.Sent, lost.Received, lost.LossRatio));
        Assert.Null(lost.Average);
        Assert.Equal(1.0, EchoSeriesSummary.Of([]).LossRatio);
    }
}
