using NetLens.Core.Firewall.Evaluation;

namespace NetLens.Core.Tests.Firewall.Evaluation;

public class CheckPortSpecTests
{
    private static readonly Dictionary<string, (int, string)[]> Services = new()
    {
        ["ssh"] = [(22, "tcp")],
        ["otv"] = [(8472, "udp")],
        ["domain"] = [(53, "tcp"), (53, "udp")],
    };

    private static CheckPortSpec Parse(string spec) =>
        CheckPortSpec.Parse(spec, name => Services.GetValueOrDefault(name) ?? [], port => [.. Services.Values.SelectMany(v => v).Where(e => e.Item1 == port).Select(e => e.Item2)]);

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

    [Theory]
    [InlineData("")]
    [InlineData("/tcp")]
    [InlineData("0")]
    [InlineData("70000/tcp")]
    [InlineData("22/icmp")]
    [InlineData("nosuchservice")]
    [InlineData("otv/tcp")]
    public void Bad_spec_is_a_usage_error(string spec) => Assert.Throws<UsageException>(() => Parse(spec));
}
