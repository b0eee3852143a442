using NetLens.Core.Probing;

namespace NetLens.Core.Tests.Trace;

public class InternetChecksumTests
{
    [Fact]
    public void The_rfc_1071_example_sums_to_ddf2_so_the_checksum_is_its_complement()
    {
        // RFC 1071 §3: 00 01 f2 03 f4 f5 f6 f7 sums (with end-around carry) to 0xddf2.
        byte[] data = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7];

        Assert.Equal(0x220d, InternetChecksum.Compute(data));
    }

    [Fact]
    public void An_odd_trailing_byte_is_padded_with_zero_on_the_right()
    {
        Assert.Equal(InternetChecksum.Compute([0x12, 0x34, 0x56, 0x00]), InternetChecksum.Compute([0x12, 0x34, 0x56]));
    }

    [Fact]
    public void A_packet_with_its_checksum_in_place_sums_to_zero()
    {
        var packet = Convert.FromHexString("45000054000040004001" + "0000" + "c6120001c6120402");
        var checksum = InternetChecksum.Compute(packet);
        packet[10] = (byte)(checksum >> 8);
        packet[11] = (byte)checksum;

        Assert.Equal(0, InternetChecksum.Compute(packet));
    }
}
