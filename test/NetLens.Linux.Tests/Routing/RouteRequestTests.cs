using System.Net;
using NetLens.Core.Routing;
using NetLens.Linux.Routing;
using NetLens.Linux.Tests.Netlink;

namespace NetLens.Linux.Tests.Routing;

/// <summary>The lookup encoder against the bytes `ip route get` sent for the same question (strace, see capture.py).</summary>
public class RouteRequestTests
{
    public static TheoryData<string, RouteLookupRequest, string?, string?> Lookups => new()
    {
        { "plain", new() { Destination = IPAddress.Parse("198.18.10.5") }, null, null },
        {
            "selectors",
            new()
            {
                Destination = IPAddress.Parse("198.18.10.5"), From = IPAddress.Parse("198.18.0.1"), Uid = 1000, Tos = 0x10,
                IpProtocol = 6, SourcePort = 1000, DestinationPort = 80, OutputInterface = "veth0", Mark = 0x10,
            },
            null,
            "veth0"
        },
        { "iif", new() { Destination = IPAddress.Parse("198.18.10.5"), From = IPAddress.Parse("198.18.1.9"), InputInterface = "br0" }, "br0", null },
        { "fibmatch", new() { Destination = IPAddress.Parse("198.18.11.7"), FibMatch = true }, null, null },
        { "ipv6", new() { Destination = IPAddress.Parse("2001:db8:10::5") }, null, null },
        {
            "ipv6-selectors",
            new() { Destination = IPAddress.Parse("2001:db8:12::1"), From = IPAddress.Parse("2001:db8:1::1"), IpProtocol = 17, DestinationPort = 53 },
            null,
            null
        },
    };

    [Theory]
    [MemberData(nameof(Lookups))]
    public void Lookup_encodes_exactly_what_ip_route_get_sent(string name, RouteLookupRequest request, string? iif, string? oif)
    {
        var expected = NetlinkFixture.Single($"lookup-{name}.request.hex");
        var buffer = new byte[RouteRequest.MaxLookupLength];

        var actual = RouteRequest.EncodeLookup(
            buffer,
            BitConverter.ToUInt32(expected, 8),
            request,
            iif is null ? null : Captured.IndexOf(iif),
            oif is null ? null : Captured.IndexOf(oif)).ToArray();

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(actual));
    }

    [Fact]
    public void Source_of_another_family_is_refused()
    {
        var request = new RouteLookupRequest { Destination = IPAddress.Parse("198.18.10.5"), From = IPAddress.Parse("2001:db8::1") };

        Assert.Throws<ArgumentException>(() => RouteRequest.EncodeLookup(new byte[RouteRequest.MaxLookupLength], 1, request, null, null).ToArray());
    }
}
