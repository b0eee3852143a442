using NetLens.Core.KernelDrops;

namespace NetLens.Core.Tests.KernelDrops;

public class KernelDropTests
{
    // the head of a 6.x kernel's events/skb/kfree_skb/format, as read from tracefs
    private const string Format = """
        name: kfree_skb
        ID: 2310
        format:
        	field:unsigned short common_type;	offset:0;	size:2;	signed:0;
        	field:enum skb_drop_reason reason;	offset:36;	size:4;	signed:0;

        print fmt: "skbaddr=%p rx_sk=%p protocol=%u location=%pS reason: %s", REC->skbaddr, REC->rx_sk, REC->protocol, REC->location, __print_symbolic(REC->reason, { 2, "NOT_SPECIFIED" }, { 3, "NO_SOCKET" }, { 12, "NETFILTER_DROP" }, { 16, "IP_RPFILTER" })
        """;

    [Fact]
    public void Reason_numbers_come_from_the_format_file()
    {
        var reasons = DropReasonFormat.Parse(Format);

        Assert.Equal(2, reasons["NOT_SPECIFIED"]);
        Assert.Equal(12, reasons["NETFILTER_DROP"]);
        Assert.Equal(16, reasons["IP_RPFILTER"]);
        Assert.Equal(4, reasons.Count);
    }

    [Fact]
    public void A_format_without_reasons_gives_none()
    {
        Assert.Empty(DropReasonFormat.Parse("print fmt: \"skbaddr=%p protocol=%u location=%p\", REC->skbaddr"));
    }

    [Fact]
    public void Trace_lines_are_counted_by_reason_and_function()
    {
        string[] lines =
        [
            "# tracer: nop",
            "          <idle>-0       [001] ..s1.  1234.000001: kfree_skb: skbaddr=00000000a1b2c3d4 rx_sk=0000000000000000 protocol=2048 location=nft_do_chain+0x4c5/0x6b0 reason: NETFILTER_DROP",
            "          <idle>-0       [001] ..s1.  1234.000002: kfree_skb: skbaddr=00000000a1b2c3d5 rx_sk=0000000000000000 protocol=2048 location=nft_do_chain+0x4c5/0x6b0 reason: NETFILTER_DROP",
            "     python3-99       [000] ..s1.  1234.000003: kfree_skb: skbaddr=00000000a1b2c3d6 rx_sk=0000000000000000 protocol=2048 location=ip_rcv_finish_core+0x1a/0x300 reason: IP_RPFILTER",
            "     python3-99       [000] ..s1.  1234.000004: consume_skb: skbaddr=00000000a1b2c3d7",
        ];

        var drops = KfreeSkbLine.Tally(lines);

        Assert.Equal([new("NETFILTER_DROP", "nft_do_chain", 2), new("IP_RPFILTER", "ip_rcv_finish_core", 1)], drops);
    }
}
