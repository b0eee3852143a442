using NetLens.Core.Firewall.Evaluation;
using NetLens.Core.Services;

namespace NetLens.Core.Tests.Firewall.Evaluation;

/// <summary>`port check`'s SPEC goes through `port open`'s parser and resolver: same words, same services table.</summary>
public class CheckPortSpecTests
{
    private static readonly ServicesTable Services = ServicesTable.Parse(["ssh 22/tcp", "otv 8472/udp", "domain 53/tcp", "domain 53/udp"]);

    private static CheckedPort Parse(string spec) => CheckedPort.Resolve(spec, Services, "services");

    [Theory]
    [InlineData("8472/udp", 8472, new[] { 17 })]
    [InlineData("8472", 8472, new[] { 17 })] // the services file says udp
    [InlineData("9999", 9999, new[] { 6 })] // unknown: TCP
    [InlineData("ssh", 22, new[] { 6 })]
    [InlineData("domain", 53, new[] { 6, 17 })]
    [InlineData("domain/udp", 53, new[] { 17 })]
    [InlineData("otv/UDP", 8472, new[] { 17 })]
    public void Spec_names_port_and_protocols(string spec, int port, int[] protocols)
    {
        var parsed = Parse(spec);

        Assert.Equal(port, parsed.Port);
        Assert.Equal(protocols, parsed.Protocols);
    }

    [Fact]
    public void A_service_asked_with_the_other_protocol_is_checked_as_asked_with_port_opens_warning()
    {
        var parsed = Parse("otv/tcp");

        Assert.Equal(8472, parsed.Port);
        Assert.Equal([6], parsed.Protocols);
        Assert.Contains("did you mean 8472/udp?", Assert.Single(parsed.Warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/tcp")]
    [InlineData("0")]
    [InlineData("70000/tcp")]
    [InlineData("22/icmp")]
    [InlineData("nosuchservice")]
    [InlineData("80,443/tcp")]
    [InlineData("10000-10999/tcp")]
    public void Bad_spec_is_a_usage_error(string spec) => Assert.Throws<UsageException>(() => Parse(spec));
}
