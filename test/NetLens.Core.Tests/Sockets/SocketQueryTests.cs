using NetLens.Core.Sockets;

namespace NetLens.Core.Tests.Sockets;

public class SocketQueryTests
{
    [Fact]
    public void Comma_separated_words_name_kinds_as_ss_A_does()
    {
        Assert.Equal(
            [SocketKind.Tcp, SocketKind.Udp, SocketKind.Raw, SocketKind.Netlink],
            SocketQuery.Parse(["inet,netlink"]).Order());
        Assert.Equal([SocketKind.PacketRaw], SocketQuery.Parse(["packet"]));
    }

    [Fact]
    public void An_unknown_word_is_a_usage_error_naming_it()
    {
        var error = Assert.Throws<UsageException>(() => SocketQuery.Parse(["tcp,sctp"]));

        Assert.Contains("\"sctp\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x0800, false, "ip")]
    [InlineData(0x0800, true, "[2048]")]
    [InlineData(0x0003, false, "*")]
    [InlineData(0x88CC, false, "LLDP")]
    public void Packet_protocols_read_as_in_ss(int etherType, bool numeric, string expected)
    {
        Assert.Equal(expected, LinkProtocolNames.EtherType(etherType, numeric));
    }
}
