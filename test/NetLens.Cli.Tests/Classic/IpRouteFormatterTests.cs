using NetLens.Cli.Output.Classic;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Names;
using static NetLens.Cli.Tests.Classic.LabRoutes;

namespace NetLens.Cli.Tests.Classic;

/// <summary>Single-feature cases that the lab capture does not reach, with the bytes ip's print_route writes.</summary>
public class IpRouteFormatterTests
{
    private readonly IpRouteFormatter _formatter = new(Interfaces);

    [Fact]
    public void Table_word_is_omitted_when_a_table_filter_is_active()
    {
        var route = V4("198.18.5.0/24") with { OutputInterface = V1, Table = 100 };

        Assert.Equal("198.18.5.0/24 dev v1 table 100 \n", _formatter.Format(route));
        Assert.Equal("198.18.5.0/24 dev v1 \n", _formatter.Format(route, new IpRouteFormatOptions(TableFilterActive: true)));
    }

    [Fact]
    public void Details_print_type_table_proto_and_scope_even_when_default()
    {
        var route = V4("198.18.5.0/24") with { OutputInterface = V1 };

        Assert.Equal("unicast 198.18.5.0/24 dev v1 table main proto boot scope global \n",
            _formatter.Format(route, new IpRouteFormatOptions(Details: true)));
    }

    [Fact]
    public void Nexthop_object_prints_nhid_before_gateway()
    {
        var route = V4("198.18.5.0/24") with { NexthopId = 12, Gateway = A("198.18.1.2"), OutputInterface = V1 };

        Assert.Equal("198.18.5.0/24 nhid 12 via 198.18.1.2 dev v1 \n", _formatter.Format(route));
    }

    [Fact]
    public void Missing_dst_attribute_prints_zero_slash_len_with_ips_double_space()
    {
        var route = V4("0.0.0.0/8") with { HasDestinationAttribute = false, OutputInterface = V1 };

        Assert.Equal("0/8  dev v1 \n", _formatter.Format(route));
    }

    [Fact]
    public void Every_flag_word_in_ip_order()
    {
        var route = V4("198.18.5.0/24") with
        {
            OutputInterface = V1,
            Flags = RouteFlags.Dead | RouteFlags.OnLink | RouteFlags.Pervasive | RouteFlags.Offload | RouteFlags.Trap
                | RouteFlags.Notify | RouteFlags.LinkDown | RouteFlags.Unresolved | RouteFlags.RouteOffload
                | RouteFlags.RouteTrap | RouteFlags.RouteOffloadFailed,
        };

        Assert.Equal(
            "198.18.5.0/24 dev v1 dead onlink pervasive offload trap notify linkdown unresolved rt_offload rt_trap rt_offload_failed \n",
            _formatter.Format(route));
    }

    [Fact]
    public void Nexthop_flags_and_realms_follow_weight()
    {
        var route = V4("198.18.5.0/24") with
        {
            Nexthops =
            [
                new Nexthop { Gateway = A("198.18.1.2"), OutputInterface = V1, Flags = RouteFlags.OnLink | RouteFlags.Dead, Realms = 3 },
                new Nexthop { Via = A("2001:db8:1::9"), OutputInterface = V2, Weight = 256 },
            ],
        };

        Assert.Equal(
            "198.18.5.0/24 \n\tnexthop via 198.18.1.2 realm 3 dev v1 weight 1 dead onlink \n\tnexthop via inet6 2001:db8:1::9 dev v2 weight 256 \n",
            _formatter.Format(route));
    }

    [Fact]
    public void Cache_flags_with_unknown_bits_end_in_hex_without_space()
    {
        var route = V4("198.18.5.1") with { Flags = RouteFlags.Cloned | (RouteFlags)0x80000000 | (RouteFlags)0x00100000, OutputInterface = V1 };

        Assert.Equal("198.18.5.1 dev v1 \n    cache <local,100000>\n", _formatter.Format(route));
    }

    [Fact]
    public void Ipv4_cache_prints_expires_and_locked_pmtu()
    {
        var route = V4("198.18.5.1") with
        {
            Flags = RouteFlags.Cloned,
            Gateway = A("198.18.1.2"),
            OutputInterface = V1,
            PreferredSource = A("198.18.1.1"),
            Uid = 0,
            ExpiresSeconds = 587,
            Metrics = [new(RouteMetricKinds.Mtu, 1300)],
        };

        Assert.Equal("198.18.5.1 via 198.18.1.2 dev v1 src 198.18.1.1 uid 0 \n    cache expires 587sec mtu 1300 \n", _formatter.Format(route));
    }

    [Theory]
    [InlineData(1000u * 8, "rtt 1s ")]
    [InlineData(2500u * 8, "rtt 2.5s ")]
    [InlineData(999u * 8, "rtt 999ms ")]
    [InlineData(1234567u * 8, "rtt 1234.57s ")]
    public void Rtt_switches_to_g_seconds_from_one_second(uint raw, string expected)
    {
        var route = V4("198.18.5.0/24") with { Metrics = [new(RouteMetricKinds.Rtt, raw)] };

        Assert.Equal($"198.18.5.0/24 {expected}\n", _formatter.Format(route));
    }

    [Fact]
    public void Hoplimit_minus_one_is_hidden_and_unknown_features_in_hex()
    {
        var route = V4("198.18.5.0/24") with
        {
            Metrics = [new(RouteMetricKinds.HopLimit, uint.MaxValue), new(RouteMetricKinds.Features, 0x9)],
        };

        Assert.Equal("198.18.5.0/24 features ecn 0x9 \n", _formatter.Format(route));
    }

    [Theory]
    [InlineData((byte)3, "pref low")]
    [InlineData((byte)0, "pref medium")]
    [InlineData((byte)1, "pref high")]
    [InlineData((byte)2, "2")]
    public void Ipv6_preference_has_no_trailing_space(byte pref, string expected)
    {
        var route = V6("2001:db8:5::/48") with { OutputInterface = V1, Ipv6Preference = pref };

        Assert.Equal($"2001:db8:5::/48 dev v1 metric 1024 {expected}\n", _formatter.Format(route));
    }

    [Fact]
    public void Unknown_numbers_and_merged_names()
    {
        var names = IpNames.Default.WithFile(IpNameKind.Tables, "100 vpn\n").WithFile(IpNameKind.Realms, "0x5 edge\n");
        var formatter = new IpRouteFormatter(Interfaces, names);
        var route = V4("198.18.5.0/24") with
        {
            Table = 100,
            Protocol = 77,
            Scope = (RouteScope)17,
            Tos = 0x04,
            Realms = (5u << 16) | 6,
            OutputInterface = 42,
            Type = (RouteType)14,
        };

        Assert.Equal("14 198.18.5.0/24 tos 0x04 dev if42 table vpn proto 77 scope 17 realms edge/6 \n", formatter.Format(route));
    }

    [Fact]
    public void Multicast_cache_entry_lists_oifs_with_ttl()
    {
        var route = V4("239.1.1.1") with
        {
            Type = RouteType.Multicast,
            Flags = RouteFlags.Cloned,
            Source = P("198.18.1.9/32"),
            InputInterface = V1,
            Nexthops = [new Nexthop { OutputInterface = V2, Weight = 2 }, new Nexthop { OutputInterface = V1p, Weight = 5 }],
        };

        Assert.Equal("multicast 239.1.1.1 from 198.18.1.9 \n    cache iif v1 Oifs: v2  v1p(ttl>4) \n", _formatter.Format(route));
    }
}
