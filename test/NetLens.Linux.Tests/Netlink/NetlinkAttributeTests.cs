using NetLens.Linux.Netlink;

namespace NetLens.Linux.Tests.Netlink;

public class NetlinkAttributeTests
{
    [Fact]
    public void Writer_output_reads_back_with_alignment_padding()
    {
        var buffer = new byte[128];
        var writer = new NetlinkMessageWriter(buffer, 26, NetlinkConstants.NLM_F_REQUEST, 9);
        writer.Reserve(12)[0] = 2;
        writer.AddU8(27, 6);
        writer.AddString(3, "veth0");
        writer.AddBigEndianU16(29, 80);
        writer.AddU32(16, 0x10);
        var message = writer.Finish().ToArray();

        var messages = new NetlinkMessageReader(message);
        Assert.True(messages.MoveNext());
        Assert.Equal(26, messages.Current.Type);
        Assert.Equal(9u, messages.Current.Sequence);
        var attributes = new NetlinkAttributeReader(messages.Current.Payload[12..]);
        Assert.True(attributes.MoveNext());
        Assert.Equal((27, (byte)6), (attributes.Type, NetlinkAttribute.U8(attributes.Value)));
        Assert.True(attributes.MoveNext());
        Assert.Equal((3, "veth0"), (attributes.Type, NetlinkAttribute.String(attributes.Value)));
        Assert.True(attributes.MoveNext());
        Assert.Equal((29, (ushort)80), (attributes.Type, NetlinkAttribute.BigEndianU16(attributes.Value)));
        Assert.True(attributes.MoveNext());
        Assert.Equal((16, 0x10u), (attributes.Type, NetlinkAttribute.U32(attributes.Value)));
        Assert.False(attributes.MoveNext());
        Assert.Equal(16 + 12 + 8 + 12 + 8 + 8, message.Length);
    }

    [Fact]
    public void Reader_masks_NLA_F_NESTED_and_reads_the_nested_attributes()
    {
        // IFLA_LINKINFO (18) | NLA_F_NESTED holding IFLA_INFO_KIND (1) = "veth"
        byte[] bytes = [16, 0, 18, 0x80, 9, 0, 1, 0, (byte)'v', (byte)'e', (byte)'t', (byte)'h', 0, 0, 0, 0];

        var outer = new NetlinkAttributeReader(bytes);
        Assert.True(outer.MoveNext());
        var inner = new NetlinkAttributeReader(outer.Value);
        Assert.True(inner.MoveNext());

        Assert.Equal(18, outer.Type);
        Assert.Equal(1, inner.Type);
        Assert.Equal("veth", NetlinkAttribute.String(inner.Value));
    }

    [Fact]
    public void Reader_stops_at_an_attribute_longer_than_what_is_left()
    {
        byte[] bytes = [8, 0, 1, 0, 1, 2, 3, 4, 40, 0, 2, 0, 9, 9, 9, 9];

        var reader = new NetlinkAttributeReader(bytes);

        Assert.True(reader.MoveNext());
        Assert.False(reader.MoveNext());
    }
}
