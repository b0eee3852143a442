using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Scanning;

public class PortStateTests
{
    [Fact]
    public void States_are_spelt_as_nmap_spells_them()
    {
        Assert.Equal(
            ["open", "closed", "filtered", "unfiltered", "open|filtered", "closed|filtered"],
            Enum.GetValues<PortState>().Select(s => s.Word()));
    }

    [Fact]
    public void Reasons_are_spelt_as_nmap_spells_them()
    {
        Assert.Equal("syn-ack", PortReason.SynAck.Word());
        Assert.Equal("conn-refused", PortReason.ConnRefused.Word());
        Assert.Equal("no-response", PortReason.NoResponse.Word());
        Assert.Equal("host-unreach", PortReason.HostUnreach.Word());
        Assert.All(Enum.GetValues<PortReason>(), r => Assert.NotEmpty(r.Word()));
    }

    [Theory]
    [InlineData(ProbeOutcome.Connected, PortState.Open, PortReason.SynAck)]
    [InlineData(ProbeOutcome.Refused, PortState.Closed, PortReason.ConnRefused)]
    [InlineData(ProbeOutcome.HostUnreachable, PortState.Filtered, PortReason.HostUnreach)]
    [InlineData(ProbeOutcome.NetworkUnreachable, PortState.Filtered, PortReason.NetUnreach)]
    public void A_connect_outcome_decides_the_state_at_once(ProbeOutcome outcome, PortState state, PortReason reason)
    {
        Assert.Equal((state, reason), ConnectScanVerdict.Decide(outcome));
    }

    [Fact]
    public void Silence_waits_for_retries_then_is_filtered_no_response()
    {
        Assert.Null(ConnectScanVerdict.Decide(ProbeOutcome.TimedOut));
        Assert.Equal((PortState.Filtered, PortReason.NoResponse), ConnectScanVerdict.Silent);
    }
}
