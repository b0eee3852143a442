using NetLens.Core.Routing;
using NetLens.Core.Routing.Names;

namespace NetLens.Core.Tests.Routing;

public class IpNamesTests
{
    [Theory]
    [InlineData(0u, "unspec")]
    [InlineData(253u, "default")]
    [InlineData(254u, "main")]
    [InlineData(255u, "local")]
    [InlineData(100u, "100")]
    [InlineData(70000u, "70000")]
    public void Builtin_table_names(uint id, string expected) => Assert.Equal(expected, IpNames.Default.TableName(id));

    [Theory]
    [InlineData(RouteProtocols.Kernel, "kernel")]
    [InlineData(RouteProtocols.Boot, "boot")]
    [InlineData(RouteProtocols.Static, "static")]
    [InlineData(RouteProtocols.Ra, "ra")]
    [InlineData(RouteProtocols.Dhcp, "dhcp")]
    [InlineData(RouteProtocols.Bird, "bird")]
    [InlineData(RouteProtocols.Bgp, "bgp")]
    [InlineData((byte)99, "openr")]
    [InlineData((byte)0, "unspec")]
    [InlineData((byte)250, "250")]
    public void Builtin_protocol_names(byte id, string expected) => Assert.Equal(expected, IpNames.Default.ProtocolName(id));

    [Theory]
    [InlineData(RouteScope.Universe, "global")]
    [InlineData(RouteScope.Site, "site")]
    [InlineData(RouteScope.Link, "link")]
    [InlineData(RouteScope.Host, "host")]
    [InlineData(RouteScope.Nowhere, "nowhere")]
    [InlineData((RouteScope)17, "17")]
    public void Builtin_scope_names(RouteScope scope, string expected) => Assert.Equal(expected, IpNames.Default.ScopeName((byte)scope));

    [Theory]
    [InlineData((byte)0x28, "AF11")]
    [InlineData((byte)0xB8, "EF")]
    [InlineData((byte)0x10, "0x10")]
    [InlineData((byte)0x04, "0x04")]
    public void Dsfield_names_fall_back_to_two_hex_digits(byte tos, string expected) => Assert.Equal(expected, IpNames.Default.DsFieldName(tos));

    [Fact]
    public void Route_type_names_cover_every_type()
    {
        Assert.Equal("unreachable", IpNames.RouteTypeName(RouteType.Unreachable));
        Assert.Equal("xresolve", IpNames.RouteTypeName(RouteType.ExternalResolve));
        Assert.Equal("none", IpNames.RouteTypeName(RouteType.Unspecified));
        Assert.Equal("12", IpNames.RouteTypeName((RouteType)12));
    }

    [Fact]
    public void Merge_reads_hex_decimal_comments_and_indentation()
    {
        var names = IpNames.Default.WithFile(IpNameKind.Protocols, "# comment\n  0x50\tnetlens # trailing\n\n\t81 other\n-1 negative\n300 toolarge\n");

        Assert.Equal("netlens", names.ProtocolName(0x50));
        Assert.Equal("other", names.ProtocolName(81));
        Assert.Equal("kernel", names.ProtocolName(2));
    }

    [Fact]
    public void Merge_leaves_the_original_untouched()
    {
        _ = IpNames.Default.WithFile(IpNameKind.Tables, "254 primary\n");

        Assert.Equal("main", IpNames.Default.TableName(254));
    }

    [Fact]
    public void Names_and_numbers_resolve_to_ids()
    {
        var names = IpNames.Default.WithFile(IpNameKind.Tables, "100000 big\n");

        Assert.True(names.TryGetId(IpNameKind.Tables, "big", out var big));
        Assert.Equal(100000u, big);
        Assert.True(names.TryGetId(IpNameKind.Tables, "main", out var main));
        Assert.Equal(254u, main);
        Assert.True(names.TryGetId(IpNameKind.Tables, "0x10", out var hex));
        Assert.Equal(16u, hex);
        Assert.False(names.TryGetId(IpNameKind.Tables, "nosuch", out _));
    }

    [Fact]
    public void A_malformed_line_stops_the_merge()
    {
        var table = new NameTable();

        Assert.False(table.Merge("1 one\nbroken\n2 two\n", 255));
        Assert.True(table.TryGetName(1, out _));
        Assert.False(table.TryGetName(2, out _));
    }
}
