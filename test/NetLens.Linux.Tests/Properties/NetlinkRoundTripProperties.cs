using System.Net;
using CsCheck;
using NetLens.Core.Routing;
using NetLens.Linux.Netlink;
using NetLens.Linux.Routing;

namespace NetLens.Linux.Tests.Properties;

/// <summary>What the request builders write, the decoders read back: attributes through the writer and reader, lookups through the route decoder.</summary>
public class NetlinkRoundTripProperties
{
    private const int Cases = 1000;

    private static readonly Gen<(ushort Type, byte[] Value)> Attribute =
        Gen.Select(Gen.UShort[1, NetlinkConstants.NLA_TYPE_MASK], Gen.Byte.Array[0, 40]);

    private static readonly Gen<IPAddress> Ipv4 = Gen.Byte.Array[4].Select(b => new IPAddress(b));

    private static readonly Gen<IPAddress> Ipv6 = Gen.Byte.Array[16].Select(b => new IPAddress(b));

    private static readonly Gen<(RouteLookupRequest Request, int? Iif, int? Oif)> Lookup =
        Gen.Bool.SelectMany(ipv6 =>
        {
            var address = ipv6 ? Ipv6 : Ipv4;
            return Gen.Select(
                address,
                address.Null(),
                Gen.UInt.Nullable(),
                Gen.UInt.Nullable(),
                Gen.Byte.Nullable(),
                Gen.Int[1, int.MaxValue].Nullable(),
                Gen.Int[1, int.MaxValue].Nullable(),
                Gen.Bool,
                (destination, from, mark, uid, tos, iif, oif, fibMatch) =>
                    (new RouteLookupRequest { Destination = destination, From = from, Mark = mark, Uid = uid, Tos = tos, FibMatch = fibMatch }, iif, oif));
        });

    [Fact]
    public void Attributes_written_are_read_back_in_order_with_their_values()
    {
        Attribute.Array[0, 12].Sample(attributes =>
        {
            var buffer = new byte[NetlinkConstants.HeaderLength + 4 + (attributes.Length * 48)];
            var writer = new NetlinkMessageWriter(buffer, 24, NetlinkConstants.NLM_F_REQUEST, 7);
            writer.Reserve(4);
            foreach (var (type, value) in attributes)
            {
                writer.AddBytes(type, value);
            }

            var messages = new NetlinkMessageReader(writer.Finish());
            Assert.True(messages.MoveNext());
            Assert.Equal((24, 7u), (messages.Current.Type, messages.Current.Sequence));
            var reader = new NetlinkAttributeReader(messages.Current.Payload[4..]);
            var read = new List<(ushort, byte[])>();
            while (reader.MoveNext())
            {
                read.Add((reader.Type, reader.Value.ToArray()));
            }

            Assert.Equal(attributes.Length, read.Count);
            for (var i = 0; i < read.Count; i++)
            {
                Assert.Equal(attributes[i].Type, read[i].Item1);
                Assert.Equal(attributes[i].Value, read[i].Item2);
            }

            Assert.False(messages.MoveNext());
        }, iter: Cases);
    }

    [Fact]
    public void A_lookup_request_decodes_as_a_route_with_the_same_selectors()
    {
        Lookup.Sample(lookup =>
        {
            var (request, iif, oif) = lookup;
            if (request.From is not null && request.From.AddressFamily != request.Destination.AddressFamily)
            {
                return;
            }

            var encoded = RouteRequest.EncodeLookup(new byte[RouteRequest.MaxLookupLength], 1, request, iif, oif).ToArray();
            var messages = new NetlinkMessageReader(encoded);
            Assert.True(messages.MoveNext());
            var route = RouteMessage.Decode(messages.Current.Payload);

            var hostLength = request.Destination.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32;
            Assert.Equal(request.Destination, route.Destination.Address);
            Assert.Equal(hostLength, route.Destination.Length);
            Assert.Equal(request.From, route.Source?.Address);
            Assert.Equal(request.Mark, route.Mark);
            Assert.Equal(request.Uid, route.Uid);
            Assert.Equal(request.Tos ?? 0, route.Tos);
            Assert.Equal(iif, route.InputInterface);
            Assert.Equal(oif, route.OutputInterface);
            Assert.Equal(request.FibMatch, ((uint)route.Flags & Rtnetlink.RTM_F_FIB_MATCH) != 0);
        }, iter: Cases);
    }
}
