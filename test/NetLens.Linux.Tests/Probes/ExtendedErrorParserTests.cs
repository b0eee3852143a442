using System.Net;
using NetLens.Linux.Probes;

namespace NetLens.Linux.Tests.Probes;

public class ExtendedErrorParserTests
{
    private static byte[] Fixture(string name) =>
        Convert.FromHexString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "probes", name)).Trim());

    [Fact]
    public void A_captured_ipv4_port_unreachable_gives_econnrefused_icmp_3_3_from_the_target()
    {
        Assert.True(ExtendedErrorParser.TryParse(Fixture("recverr-ipv4-port-unreachable.hex"), out var error));

        Assert.Equal(new ExtendedError(111, ExtendedErrorOrigin.Icmp, 3, 3, IPAddress.Loopback), error);
    }

    [Fact]
    public void A_captured_ipv6_port_unreachable_gives_icmp6_1_4_from_the_target()
    {
        Assert.True(ExtendedErrorParser.TryParse(Fixture("recverr-ipv6-port-unreachable.hex"), out var error));

        Assert.Equal(new ExtendedError(111, ExtendedErrorOrigin.Icmp6, 1, 4, IPAddress.IPv6Loopback), error);
    }

    [Fact]
    public void A_time_exceeded_after_another_control_message_is_found_and_names_the_router()
    {
        // SO_TIMESTAMPNS (level 1, type 35, 16 bytes of data), then IP_RECVERR: EHOSTUNREACH, ICMP 11/0 from 198.18.1.2.
        var timestamp = "2000000000000000" + "01000000" + "23000000" + "0100000000000000" + "0200000000000000";
        var recverr = "3000000000000000" + "00000000" + "0b000000" + "71000000" + "020b0000" + "00000000" + "00000000"
            + "02000000" + "c6120102" + "0000000000000000";

        Assert.True(ExtendedErrorParser.TryParse(Convert.FromHexString(timestamp + recverr), out var error));

        Assert.Equal(new ExtendedError(113, ExtendedErrorOrigin.Icmp, 11, 0, IPAddress.Parse("198.18.1.2")), error);
    }

    [Fact]
    public void Control_data_without_a_recverr_message_or_cut_short_is_not_an_error()
    {
        Assert.False(ExtendedErrorParser.TryParse(Convert.FromHexString("2000000000000000" + "01000000" + "23000000" + "0100000000000000" + "0200000000000000"), out _));
        Assert.False(ExtendedErrorParser.TryParse(Fixture("recverr-ipv4-port-unreachable.hex").AsSpan(0, 20), out _));
        Assert.False(ExtendedErrorParser.TryParse([], out _));
    }
}
