using System.Buffers.Binary;
using NetLens.Core.Links;
using NetLens.Core.Routing;
using NetLens.Linux.Netlink;
using NetLens.Linux.Routing;
using NetLens.Linux.Tests.Netlink;

namespace NetLens.Linux.Tests.Routing;

/// <summary>Decodes the captured dumps of Fixtures/netlink (see make-lab.sh and capture.py there) the way RouteNetlink does.</summary>
internal static class Captured
{
    public static List<Route> Routes(string name) => Dump(name, RouteMessage.DecodeForDump);

    public static List<PolicyRule> Rules(string name) => Dump(name, RuleMessage.DecodeForDump);

    public static List<Link> Links() => Dump("link-dump.hex", LinkMessage.DecodeReply);

    public static List<InterfaceAddress> Addresses(string name) => Dump(name, AddressMessage.DecodeForDump);

    /// <summary>The lab's interface index of a name, from the captured link dump.</summary>
    public static int IndexOf(string name) => Links().Single(l => l.Name == name).Index;

    /// <summary>The route the kernel answered to a captured `ip route get` request.</summary>
    public static Route? Answer(string lookup)
    {
        var reader = new NetlinkMessageReader(NetlinkFixture.Single($"lookup-{lookup}.answer.hex"));
        Assert.True(reader.MoveNext());
        return RouteMessage.DecodeAnswer(reader.Current);
    }

    private static List<T> Dump<T>(string name, MessageDecoder<T> decoder)
        where T : class
    {
        var datagrams = NetlinkFixture.Datagrams(name);
        var reader = new NetlinkDumpReader<T>(BinaryPrimitives.ReadUInt32LittleEndian(datagrams[0].AsSpan(8)), decoder);
        foreach (var datagram in datagrams)
        {
            reader.Accept(datagram);
        }

        Assert.True(reader.Done);
        return reader.Items;
    }
}
