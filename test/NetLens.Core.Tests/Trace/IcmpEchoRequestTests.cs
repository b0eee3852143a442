using NetLens.Core.Probing;

namespace NetLens.Core.Tests.Trace;

public class IcmpEchoRequestTests
{
    [Fact]
    public void An_ipv4_request_has_type_8_identifier_sequence_and_the_rfc_1071_checksum()
    {
        var buffer = new byte[16];

        var length = IcmpEchoRequest.Write(buffer, ipv6: false, identifier: 0x0001, sequence: 0x0001, payload: []);

        // 0x0800 + 0x0001 + 0x0001 = 0x0802, complemented: 0xf7fd.
        Assert.Equal("0800F7FD00010001", Convert.ToHexString(buffer, 0, length));
    }

    [Fact]
    public void An_ipv4_request_with_an_odd_payload_checksums_to_zero()
    {
        var buffer = new byte[64];

        var length = IcmpEchoRequest.Write(buffer, ipv6: false, identifier: 0xbeef, sequence: 513, payload: "netlens"u8);

        Assert.Equal(15, length);
        Assert.Equal(0, InternetChecksum.Compute(buffer.AsSpan(0, length)));
        Assert.Equal("netlens"u8.ToArray(), buffer[8..15]);
    }

    [Fact]
    public void An_ipv6_request_is_type_128_and_leaves_the_checksum_to_the_kernel()
    {
        var buffer = new byte[8];

        IcmpEchoRequest.Write(buffer, ipv6: true, identifier: 0x1234, sequence: 7, payload: []);

        Assert.Equal("8000000012340007", Convert.ToHexString(buffer));
    }

    [Fact]
    public void A_buffer_too_small_is_refused()
    {
        Assert.Throws<ArgumentException>(() => IcmpEchoRequest.Write(new byte[9], ipv6: false, 1, 1, "ab"u8));
    }
}
