using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Scanning;

public class UdpScanVerdictTests
{
    [Theory]
    [InlineData(3, 3, false, "closed", "port-unreach")]
    [InlineData(3, 0, false, "filtered", "net-unreach")]
    [InlineData(3, 1, false, "filtered", "host-unreach")]
    [InlineData(3, 2, false, "filtered", "proto-unreach")]
    [InlineData(3, 9, false, "filtered", "net-prohibited")]
    [InlineData(3, 10, false, "filtered", "host-prohibited")]
    [InlineData(3, 13, false, "filtered", "admin-prohibited")]
    [InlineData(1, 4, true, "closed", "port-unreach")]
    [InlineData(1, 1, true, "filtered", "admin-prohibited")]
    [InlineData(1, 3, true, "filtered", "host-unreach")]
    [InlineData(1, 0, true, "filtered", "net-unreach")]
    public void Icmp_unreachables_map_to_nmaps_udp_states(byte type, byte code, bool ipv6, string state, string reason)
    {
        var outcome = UdpScanVerdict.FromIcmp(type, code, ipv6);

        Assert.NotNull(outcome);
        var verdict = UdpScanVerdict.Decide(outcome.Value);
        Assert.Equal((state, reason), (verdict.State.Word(), verdict.Reason.Word()));
    }

    [Theory]
    [InlineData(11, 0, false)] // time exceeded
    [InlineData(3, 4, false)] // fragmentation needed
    [InlineData(3, 3, true)] // an IPv6 type 3 is time exceeded, not unreachable
    [InlineData(2, 0, true)] // packet too big
    public void Other_icmp_says_nothing_about_the_port(byte type, byte code, bool ipv6)
    {
        Assert.Null(UdpScanVerdict.FromIcmp(type, code, ipv6));
    }

    [Fact]
    public void A_reply_is_open_and_silence_open_filtered()
    {
        Assert.Equal((PortState.Open, PortReason.UdpResponse), UdpScanVerdict.Decide(UdpProbeOutcome.Response));
        Assert.Equal((PortState.OpenFiltered, PortReason.NoResponse), UdpScanVerdict.Silent);
        Assert.Equal("udp-response", PortReason.UdpResponse.Word());
    }
}
