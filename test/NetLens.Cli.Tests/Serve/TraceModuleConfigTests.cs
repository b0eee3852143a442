using NetLens.Core;
using NetLens.Core.Probing;
using NetLens.Serve.Config;
using NetLens.Serve.Probing;

namespace NetLens.Cli.Tests.Serve;

public sealed class TraceModuleConfigTests
{
    [Fact]
    public void The_trace_block_is_read_and_its_absence_gives_the_trace_commands_defaults()
    {
        var config = ServeConfigReader.Read("""
            modules:
              path:
                prober: trace
                timeout: 9s
                trace:
                  preferred_ip_protocol: ip4
                  ip_protocol_fallback: false
                  protocol: tcp
                  count: 20
                  max_hops: 12
                  interval: 200ms
                  port: 443
              plain:
                prober: trace
            """, "x.yml");

        var path = config.Modules["path"];
        Assert.Equal(ProberKind.Trace, path.Prober);
        Assert.Null(path.Unsupported);
        Assert.Equal(new TraceSettings(ProbeProtocol.Tcp, 20, 12, TimeSpan.FromMilliseconds(200), 443), path.Trace);
        Assert.Equal(new IpChoice("ip4", false, null), path.Ip);

        var plain = config.Modules["plain"];
        Assert.Equal(new TraceSettings(null, 3, 30, TimeSpan.FromSeconds(1), null), plain.Trace);
        Assert.Equal(33434, plain.Trace.PortFor(ProbeProtocol.Udp));
        Assert.Equal(80, plain.Trace.PortFor(ProbeProtocol.Tcp));
        Assert.Equal(443, path.Trace.PortFor(ProbeProtocol.Tcp));
    }

    [Theory]
    [InlineData("protocol: sctp", "x.yml:5: module a: trace protocol must be icmp, udp or tcp, not \"sctp\"")]
    [InlineData("count: 0", "x.yml:5: module a: trace count must be 1..1000, not 0")]
    [InlineData("count: 1001", "x.yml:5: module a: trace count must be 1..1000, not 1001")]
    [InlineData("count: few", "x.yml:5: count: \"few\" is not a whole number")]
    [InlineData("max_hops: 0", "x.yml:5: module a: trace max_hops must be 1..255, not 0")]
    [InlineData("max_hops: 256", "x.yml:5: module a: trace max_hops must be 1..255, not 256")]
    [InlineData("interval: 1 s", "x.yml:5: module a: trace interval \"1 s\" is not a duration")]
    [InlineData("port: 0", "x.yml:5: module a: trace port must be 1..65535, not 0")]
    [InlineData("port: 70000", "x.yml:5: module a: trace port must be 1..65535, not 70000")]
    [InlineData("protocol: icmp\n      port: 80", "x.yml:6: module a: trace port is for udp and tcp probes, not icmp")]
    [InlineData("count: 11\n      interval: 500ms", "x.yml:5: module a: trace count 11 at interval 0.5s does not fit in the timeout of 5s")]
    [InlineData("source_ip_address: 198.18.0.1", "x.yml:5: module a: trace source_ip_address is not supported yet")]
    [InlineData("preferred_ip_protocol: ip5", "x.yml:5: module a: preferred_ip_protocol must be ip4 or ip6")]
    [InlineData("hops: 3", "x.yml:5: module a trace: unknown key \"hops\"")]
    public void A_bad_trace_key_is_a_config_error(string keys, string start)
    {
        var text = $"modules:\n  a:\n    prober: trace\n    trace:\n      {keys}\n    timeout: 5s\n";
        var error = Assert.Throws<UsageException>(() => ServeConfigReader.Read(text, "x.yml"));
        Assert.StartsWith(start, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_series_that_just_fits_the_timeout_is_accepted()
    {
        var text = "modules:\n  a:\n    prober: trace\n    timeout: 5s\n    trace:\n      count: 10\n      interval: 500ms\n";
        Assert.Equal(10, ServeConfigReader.Read(text, "x.yml").Modules["a"].Trace.Count);
    }

    [Fact]
    public void The_path_id_is_eight_hex_digits_the_same_for_the_same_hops()
    {
        string[] path = ["198.18.1.2", "198.18.2.2", "198.18.3.2", "198.18.4.2"];
        var id = TracePathId.Of(path);
        Assert.Matches("^[0-9a-f]{8}$", id);
        Assert.Equal(id, TracePathId.Of([.. path]));

        // FNV-1a 32 of the addresses joined by newlines, worked out by hand for one hop: a fixed value, not this run's.
        Assert.Equal("811c9dc5", TracePathId.Of([]));
        Assert.Equal("e40c292c", TracePathId.Of(["a"]));
    }

    [Fact]
    public void A_changed_hop_a_silent_hop_or_another_order_is_another_path()
    {
        string[] path = ["198.18.1.2", "198.18.2.2", "198.18.4.2"];
        var id = TracePathId.Of(path);
        Assert.NotEqual(id, TracePathId.Of(["198.18.1.2", "198.18.2.99", "198.18.4.2"]));
        Assert.NotEqual(id, TracePathId.Of(["198.18.1.2", "", "198.18.4.2"]));
        Assert.NotEqual(id, TracePathId.Of(["198.18.2.2", "198.18.1.2", "198.18.4.2"]));
        Assert.NotEqual(id, TracePathId.Of(["198.18.1.2", "198.18.2.2"]));

        // The separator keeps hops apart: one hop "1.2.3.45" is not "1.2.3.4" then "5".
        Assert.NotEqual(TracePathId.Of(["1.2.3.45"]), TracePathId.Of(["1.2.3.4", "5"]));
    }
}
