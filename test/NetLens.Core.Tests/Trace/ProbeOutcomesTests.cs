using System.Net;
using NetLens.Core.Probing;
using NetLens.Core.Trace;

namespace NetLens.Core.Tests.Trace;

public class ProbeOutcomesTests
{
    private static readonly IPAddress Target = IPAddress.Parse("198.18.4.2");
    private static readonly IPAddress Router = IPAddress.Parse("198.18.1.2");

    [Theory]
    [InlineData(11, 0, false, "198.18.1.2", ProbeOutcome.HopReplied)]
    [InlineData(3, 3, false, "198.18.4.2", ProbeOutcome.DestinationReached)]
    [InlineData(3, 1, false, "198.18.1.2", ProbeOutcome.Unreachable)]
    [InlineData(0, 0, false, "198.18.4.2", ProbeOutcome.DestinationReached)]
    [InlineData(3, 0, true, "198.18.1.2", ProbeOutcome.HopReplied)]
    [InlineData(1, 4, true, "198.18.4.2", ProbeOutcome.DestinationReached)]
    [InlineData(129, 0, true, "198.18.4.2", ProbeOutcome.DestinationReached)]
    public void An_icmp_type_and_code_from_a_responder_says_what_happened(int type, int code, bool ipv6, string responder, ProbeOutcome expected)
    {
        Assert.Equal(expected, ProbeOutcomes.Of(IcmpDecoder.KindOf((byte)type, (byte)code, ipv6), IPAddress.Parse(responder), Target));
    }

    [Fact]
    public void A_redirect_says_nothing_about_the_probe()
    {
        Assert.Null(ProbeOutcomes.Of(IcmpDecoder.KindOf(5, 1, ipv6: false), Router, Target));
    }

    [Fact]
    public void A_sequence_names_its_round_and_ttl_and_a_late_reply_of_an_older_round_is_refused()
    {
        var sequence = ProbeSequence.Of(round: 3, ttl: 17);

        Assert.True(ProbeSequence.TryTtlInRound(sequence, 3, out var ttl));
        Assert.Equal(17, ttl);
        Assert.False(ProbeSequence.TryTtlInRound(sequence, 4, out _));
        Assert.True(ProbeSequence.TryTtlInRound(ProbeSequence.Of(round: 300, ttl: 1), 300, out _));
    }
}
