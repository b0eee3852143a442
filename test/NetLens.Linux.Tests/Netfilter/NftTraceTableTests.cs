using System.Net;
using System.Net.Sockets;
using NetLens.Linux.Netfilter;

namespace NetLens.Linux.Tests.Netfilter;

public class NftTraceTableTests
{
    [Fact]
    public void The_table_hooks_prerouting_and_output_before_raw_and_marks_only_the_probe()
    {
        var selector = new NftTraceSelector(IPAddress.Parse("198.18.60.2"), IPAddress.Parse("198.18.61.2"), ProtocolType.Tcp, 8080);

        var ruleset = NftTraceTable.Ruleset("netlens_trace_1_ab", selector);

        Assert.Equal("""
            table inet netlens_trace_1_ab {
                chain prerouting { type filter hook prerouting priority -301; policy accept; ip saddr 198.18.60.2 ip daddr 198.18.61.2 tcp dport 8080 meta nftrace set 1; }
                chain output { type filter hook output priority -301; policy accept; ip saddr 198.18.60.2 ip daddr 198.18.61.2 tcp dport 8080 meta nftrace set 1; }
            }

            """, ruleset);
    }

    [Theory]
    [InlineData("2001:db8::2", null, ProtocolType.Icmp, null, "ip6 daddr 2001:db8::2 icmpv6 type echo-request")]
    [InlineData("198.18.61.2", null, ProtocolType.Icmp, null, "ip daddr 198.18.61.2 icmp type echo-request")]
    [InlineData("198.18.61.2", "198.18.60.2", ProtocolType.Udp, 8472, "ip saddr 198.18.60.2 ip daddr 198.18.61.2 udp dport 8472")]
    public void The_match_is_as_tight_as_the_probe(string destination, string? source, ProtocolType protocol, int? port, string expected)
    {
        var selector = new NftTraceSelector(source is null ? null : IPAddress.Parse(source), IPAddress.Parse(destination), protocol, port);

        Assert.Equal(expected, selector.Match());
    }
}
