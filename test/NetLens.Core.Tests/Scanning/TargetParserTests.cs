using System.Net;
using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Scanning;

public class TargetParserTests
{
    private static string[] Addresses(string text) => [.. TargetParser.Parse(text).Addresses().Select(a => a.ToString())];

    [Fact]
    public void A_single_ipv4_address_is_one_host()
    {
        Assert.Equal(["198.18.0.1"], Addresses("198.18.0.1"));
    }

    [Fact]
    public void A_single_ipv6_address_is_one_host()
    {
        Assert.Equal(["2001:db8::1"], Addresses("2001:db8::1"));
    }

    [Fact]
    public void A_last_octet_range_lists_every_address_in_it()
    {
        var addresses = Addresses("198.18.4.1-20");

        Assert.Equal(20, addresses.Length);
        Assert.Equal("198.18.4.1", addresses[0]);
        Assert.Equal("198.18.4.20", addresses[^1]);
    }

    [Fact]
    public void Octet_lists_stars_and_open_ranges_combine()
    {
        Assert.Equal(["198.18.1.254", "198.18.1.255", "198.18.3.254", "198.18.3.255"], Addresses("198.18.1,3.254-"));
        Assert.Equal(256UL, (ulong)TargetParser.Parse("198.18.4.*").Count);
    }

    [Fact]
    public void An_ipv4_cidr_block_includes_network_and_broadcast_addresses_like_nmap()
    {
        Assert.Equal(["198.18.0.0", "198.18.0.1", "198.18.0.2", "198.18.0.3"], Addresses("198.18.0.2/30"));
    }

    [Fact]
    public void An_ipv6_cidr_block_starts_at_its_prefix()
    {
        Assert.Equal(["2001:db8::", "2001:db8::1", "2001:db8::2", "2001:db8::3"], Addresses("2001:db8::3/126"));
    }

    [Fact]
    public void A_huge_block_is_counted_without_being_listed()
    {
        Assert.Equal(UInt128.One << 96, TargetParser.Parse("2001:db8::/32").Count);
    }

    [Fact]
    public void A_host_name_is_left_for_the_caller_to_resolve()
    {
        var spec = TargetParser.Parse("c3.domain.com");

        Assert.Equal("c3.domain.com", spec.Name);
        Assert.Empty(spec.Addresses());
    }

    [Theory]
    [InlineData("198.18.0.1/33")]
    [InlineData("198.18.4.20-1")]
    [InlineData("198.18.4.300")]
    [InlineData("bad name!")]
    [InlineData("")]
    public void Bad_targets_are_usage_errors(string text)
    {
        Assert.Throws<UsageException>(() => TargetParser.Parse(text));
    }

    [Fact]
    public void Targets_past_the_host_cap_are_refused_before_any_is_listed()
    {
        var error = Assert.Throws<UsageException>(() => TargetList.Expand([TargetParser.Parse("198.18.0.0/15")], _ => throw new InvalidOperationException(), maxHosts: 65_536));

        Assert.Contains("131072", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expanding_resolves_names_and_scans_a_repeated_address_once()
    {
        var hosts = TargetList.Expand(
            [TargetParser.Parse("lab.example"), TargetParser.Parse("198.18.0.1-2")],
            name => IPAddress.Parse("198.18.0.2"));

        Assert.Equal([new ScanHost(IPAddress.Parse("198.18.0.2"), "lab.example"), new ScanHost(IPAddress.Parse("198.18.0.1"), null)], hosts);
    }
}
