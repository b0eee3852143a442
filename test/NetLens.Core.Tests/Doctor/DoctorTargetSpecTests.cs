using NetLens.Core.Doctor;

namespace NetLens.Core.Tests.Doctor;

public class DoctorTargetSpecTests
{
    [Theory]
    [InlineData("198.18.0.2", "198.18.0.2", null, DoctorProtocol.Icmp)]
    [InlineData("198.18.0.2:80", "198.18.0.2", 80, DoctorProtocol.Tcp)]
    [InlineData("198.18.0.2:53/udp", "198.18.0.2", 53, DoctorProtocol.Udp)]
    [InlineData("db:5432/TCP", "db", 5432, DoctorProtocol.Tcp)]
    [InlineData("[2001:db8::2]:443", "2001:db8::2", 443, DoctorProtocol.Tcp)]
    [InlineData("2001:db8::2", "2001:db8::2", null, DoctorProtocol.Icmp)]
    [InlineData("[2001:db8::2]", "2001:db8::2", null, DoctorProtocol.Icmp)]
    [InlineData("fe80::1%eth0", "fe80::1%eth0", null, DoctorProtocol.Icmp)]
    [InlineData("host/icmp", "host", null, DoctorProtocol.Icmp)]
    public void Destinations_parse_as_typed(string text, string host, int? port, DoctorProtocol protocol)
    {
        var spec = DoctorTargetSpec.Parse(text);

        Assert.Equal(new DoctorTargetSpec(host, port, protocol), spec);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("host:0", "1 to 65535")]
    [InlineData("host:65536", "1 to 65535")]
    [InlineData("host:http", "1 to 65535")]
    [InlineData("host/sctp", "tcp, udp or icmp")]
    [InlineData("host/udp", "needs a port")]
    [InlineData("host:80/icmp", "ICMP has no ports")]
    [InlineData(":80", "no host")]
    [InlineData("2001:db8::zz:80", "needs brackets")]
    [InlineData("[2001:db8::1", "no ']'")]
    public void Bad_destinations_say_what_is_wrong(string text, string words)
    {
        var error = Assert.Throws<UsageException>(() => DoctorTargetSpec.Parse(text));

        Assert.Contains(words, error.Message, StringComparison.Ordinal);
    }
}
