using System.Net;
using NetLens.Core;
using NetLens.Serve.Config;

namespace NetLens.Cli.Tests.Serve;

public sealed class ServeConfigReaderTests
{
    [Fact]
    public void Debians_stock_blackbox_yml_loads_with_its_http_grpc_and_banner_modules_marked_unsupported()
    {
        // Given the modules of the blackbox.yml Debian ships (shortened), when read, then every module loads.
        var config = ServeConfigReader.Read("""
            modules:
              http_2xx:
                prober: http
              http_post_2xx:
                prober: http
                http:
                  method: POST
              tcp_connect:
                prober: tcp
              pop3s_banner:
                prober: tcp
                tcp:
                  query_response:
                  - expect: "^+OK"
                  tls: true
                  tls_config:
                    insecure_skip_verify: false
              grpc:
                prober: grpc
                grpc:
                  tls: true
                  preferred_ip_protocol: "ip4"
              icmp_ttl5:
                prober: icmp
                timeout: 5s
                icmp:
                  ttl: 5
            """, "blackbox.yml");

        Assert.Equal(6, config.Modules.Count);
        Assert.Null(config.Modules["tcp_connect"].Unsupported);
        Assert.Equal("http prober not supported", config.Modules["http_2xx"].Unsupported);
        Assert.Equal("tcp query_response is not supported yet", config.Modules["pop3s_banner"].Unsupported);
        Assert.Equal(5, config.Modules["icmp_ttl5"].Icmp.Ttl);
        Assert.Equal(TimeSpan.FromSeconds(5), config.Modules["icmp_ttl5"].Timeout);
        Assert.Empty(config.ProbeAllow);
    }

    [Fact]
    public void Icmp_options_and_probe_allow_are_read()
    {
        var config = ServeConfigReader.Read("""
            modules:
              ping:
                prober: icmp
                timeout: 1m30s
                icmp:
                  preferred_ip_protocol: ip4
                  ip_protocol_fallback: false
                  source_ip_address: 198.18.0.1
                  payload_size: 100
                  dont_fragment: true
            probe_allow: [198.18.0.0/15, "2001:db8::/32", 192.0.2.7]
            """, "x.yml");

        var ping = config.Modules["ping"];
        Assert.Equal(new IpChoice("ip4", false, IPAddress.Parse("198.18.0.1")), ping.Ip);
        Assert.Equal(new IcmpSettings(100, true, 64), ping.Icmp);
        Assert.Equal(TimeSpan.FromSeconds(90), ping.Timeout);
        Assert.True(config.Allows(IPAddress.Parse("198.19.255.1")));
        Assert.True(config.Allows(IPAddress.Parse("192.0.2.7")));
        Assert.False(config.Allows(IPAddress.Parse("192.0.2.8")));
        Assert.True(config.Allows(IPAddress.Parse("2001:db8::1")));
    }

    [Theory]
    [InlineData("modules:\n  a:\n    prober: foo\n", "x.yml:3: module a: unknown prober \"foo\"")]
    [InlineData("modules:\n  a:\n    prober: icmp\n    icmp:\n      tll: 5\n", "x.yml:5: module a icmp: unknown key \"tll\"")]
    [InlineData("modules:\n  a:\n    prober: icmp\n    timeout: 5 s\n", "x.yml:4: module a: timeout \"5 s\" is not a duration")]
    [InlineData("modules:\n  a:\n    prober: icmp\n    icmp:\n      dont_fragment: true\n", "x.yml:5: module a: dont_fragment is for IPv4 only")]
    [InlineData("probe_allow: [10.0.0.0/33]\n", "x.yml:1: probe_allow: \"10.0.0.0/33\" is not a CIDR")]
    [InlineData("modules: [a\n", "x.yml:")]
    [InlineData("modulez: {}\n", "x.yml:1: unknown key \"modulez\"")]
    [InlineData("limits:\n  probes_per_second: fast\n", "x.yml:2: limits: probes_per_second: \"fast\" is not a rate of 0 (no cap) or more")]
    [InlineData("limits:\n  target_probes_per_second: -1\n", "x.yml:2: limits: target_probes_per_second: \"-1\" is not a rate")]
    [InlineData("limits:\n  probes_burst: 0.5\n", "x.yml:2: limits: probes_burst: \"0.5\" is not a burst of 1 or more")]
    [InlineData("limits:\n  max_connections: 0\n", "x.yml:2: limits: max_connections: \"0\" is not a whole number in 1..65536")]
    [InlineData("limits:\n  max_header_bytes: 8k\n", "x.yml:2: limits: max_header_bytes: \"8k\" is not a whole number")]
    [InlineData("limits:\n  max_body: 10\n", "x.yml:2: limits: unknown key \"max_body\"")]
    [InlineData("limits: [1]\n", "x.yml:1: limits must be a mapping")]
    public void A_bad_config_is_one_line_naming_the_file_and_line(string text, string start)
    {
        var error = Assert.Throws<UsageException>(() => ServeConfigReader.Read(text, "x.yml"));
        Assert.StartsWith(start, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
