using System.Buffers.Binary;
using NetLens.Core.Routing;
using NetLens.Linux.Netlink;
using NetLens.Linux.Routing;
using NetLens.Linux.Tests.Netlink;

namespace NetLens.Linux.Tests.Monitor;

/// <summary>
/// Notifications have the dump messages' layout; only the type and flags tell added, replaced and removed apart.
/// Built from the captured kernel dumps with the header's type and flags rewritten.
/// </summary>
public class RouteMonitorMessageTests
{
    private const ushort RTM_NEWROUTE = 24;
    private const ushort RTM_DELROUTE = 25;
    private const ushort RTM_NEWADDR = 20;
    private const ushort RTM_DELADDR = 21;
    private const ushort RTM_NEWRULE = 32;
    private const ushort RTM_DELRULE = 33;
    private const ushort NLM_F_REPLACE = 0x100;
    private const ushort NLM_F_CREATE = 0x400;

    [Theory]
    [InlineData(RTM_NEWROUTE, NLM_F_CREATE, RouteMonitorAction.Added)]
    [InlineData(RTM_NEWROUTE, NLM_F_REPLACE, RouteMonitorAction.Replaced)]
    [InlineData(RTM_DELROUTE, 0, RouteMonitorAction.Removed)]
    public void A_route_notification_is_decoded_with_its_action(ushort type, ushort flags, RouteMonitorAction action)
    {
        var message = FirstMessage("route-dump-ipv4.hex", m => !RouteMessage.IsCloned(m.Payload));
        var expected = RouteMessage.Decode(Payload(message));

        var change = Decode(Rewrite(message, type, flags));

        Assert.Equal(action, change?.Action);
        Assert.Equal(expected.Destination, change?.Route?.Destination);
        Assert.Equal(expected with { Nexthops = [], Metrics = [] }, change?.Route! with { Nexthops = [], Metrics = [] });
        Assert.Null(change?.Rule);
        Assert.Null(change?.Address);
    }

    [Theory]
    [InlineData(RTM_NEWRULE, RouteMonitorAction.Added)]
    [InlineData(RTM_DELRULE, RouteMonitorAction.Removed)]
    public void A_rule_notification_is_decoded_with_its_action(ushort type, RouteMonitorAction action)
    {
        var message = FirstMessage("rule-dump-ipv4.hex", _ => true);

        var change = Decode(Rewrite(message, type, 0));

        Assert.Equal(action, change?.Action);
        Assert.Equal(RuleMessage.Decode(Payload(message)), change?.Rule);
    }

    [Theory]
    [InlineData(RTM_NEWADDR, RouteMonitorAction.Added)]
    [InlineData(RTM_DELADDR, RouteMonitorAction.Removed)]
    public void An_address_notification_is_decoded_with_its_action(ushort type, RouteMonitorAction action)
    {
        var message = FirstMessage("addr-dump-ipv6.hex", _ => true);

        var change = Decode(Rewrite(message, type, 0));

        Assert.Equal(action, change?.Action);
        Assert.Equal(AddressMessage.Decode(Payload(message)), change?.Address);
    }

    [Fact]
    public void A_cached_clone_and_other_messages_are_not_events()
    {
        var message = FirstMessage("route-dump-ipv4.hex", _ => true);
        var cloned = Rewrite(message, RTM_DELROUTE, 0);
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(cloned.AsSpan(NetlinkConstants.HeaderLength + 8));
        BinaryPrimitives.WriteUInt32LittleEndian(cloned.AsSpan(NetlinkConstants.HeaderLength + 8), flags | 0x200);

        Assert.Null(Decode(cloned));
        Assert.Null(Decode(Rewrite(message, NetlinkConstants.NLMSG_DONE, 0)));
    }

    private static byte[] FirstMessage(string fixture, Func<NetlinkMessage, bool> accept)
    {
        foreach (var datagram in NetlinkFixture.Datagrams(fixture))
        {
            var reader = new NetlinkMessageReader(datagram);
            var offset = 0;
            while (reader.MoveNext())
            {
                var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(datagram.AsSpan(offset));
                if (reader.Current.Type is not NetlinkConstants.NLMSG_DONE and not NetlinkConstants.NLMSG_ERROR && accept(reader.Current))
                {
                    return datagram.AsSpan(offset, length).ToArray();
                }

                offset += NetlinkConstants.Align(length);
            }
        }

        throw new InvalidOperationException($"no message in {fixture}");
    }

    private static byte[] Rewrite(byte[] message, ushort type, ushort flags)
    {
        var copy = (byte[])message.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(4), type);
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(6), flags);
        return copy;
    }

    private static byte[] Payload(byte[] message) => message[NetlinkConstants.HeaderLength..];

    private static RouteMonitorEvent? Decode(byte[] message)
    {
        var reader = new NetlinkMessageReader(message);
        Assert.True(reader.MoveNext());
        return RouteMonitorMessage.Decode(reader.Current);
    }
}
