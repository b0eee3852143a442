using System.Net;
using System.Text;
using NetLens.Core;
using NetLens.Core.Scanning;
using NetLens.Serve.Config;
using NetLens.Serve.Probing;

namespace NetLens.Cli.Tests.Serve;

public sealed class UdpSynModuleConfigTests
{
    [Fact]
    public void Udp_settings_are_read_with_their_ip_choice_payload_and_expect_reply()
    {
        var config = ServeConfigReader.Read("""
            modules:
              dns_udp:
                prober: udp
                timeout: 2s
                udp:
                  preferred_ip_protocol: ip4
                  ip_protocol_fallback: false
                  source_ip_address: 198.18.0.1
                  payload: "hello\n"
                  expect_reply: true
            """, "netlens.yml");

        var module = config.Modules["dns_udp"];
        Assert.Equal(ProberKind.Udp, module.Prober);
        Assert.Null(module.Unsupported);
        Assert.Equal(new IpChoice("ip4", false, IPAddress.Parse("198.18.0.1")), module.Ip);
        Assert.Equal("hello\n"u8.ToArray(), module.Udp.Payload);
        Assert.True(module.Udp.ExpectReply);
    }

    [Fact]
    public void A_udp_module_without_settings_sends_the_scans_payload_and_passes_silence()
    {
        var module = ServeConfigReader.Read("modules:\n  u:\n    prober: udp\n", "netlens.yml").Modules["u"];

        Assert.Null(module.Udp.Payload);
        Assert.False(module.Udp.ExpectReply);
        Assert.Equal(new IpChoice("ip6", true, null), module.Ip);
    }

    [Theory]
    [InlineData("payload: \"\"")]
    [InlineData("payload:")]
    public void An_empty_payload_is_an_empty_datagram_not_the_default(string line)
    {
        var module = ServeConfigReader.Read($"modules:\n  u:\n    prober: udp\n    udp:\n      {line}\n", "netlens.yml").Modules["u"];

        Assert.Equal(new byte[0], module.Udp.Payload);
    }

    [Fact]
    public void Tcp_syn_reads_its_ip_choice()
    {
        var module = ServeConfigReader.Read("modules:\n  syn:\n    prober: tcp_syn\n    tcp_syn:\n      preferred_ip_protocol: ip4\n", "netlens.yml").Modules["syn"];

        Assert.Equal(ProberKind.TcpSyn, module.Prober);
        Assert.Equal("tcp_syn", module.Prober.ConfigName());
        Assert.Null(module.Unsupported);
        Assert.Equal("ip4", module.Ip.PreferredProtocol);
    }

    [Theory]
    [InlineData("    prober: udp\n    udp:\n      expect: true\n", "netlens.yml:5: module m udp: unknown key \"expect\"")]
    [InlineData("    prober: udp\n    udp:\n      expect_reply: maybe\n", "netlens.yml:5: expect_reply: \"maybe\" is not true or false")]
    [InlineData("    prober: udp\n    udp:\n      payload: [1, 2]\n", "netlens.yml:5: payload must be a single value")]
    [InlineData("    prober: udp\n    udp:\n      preferred_ip_protocol: ip5\n", "netlens.yml:5: module m: preferred_ip_protocol must be ip4 or ip6, not \"ip5\"")]
    [InlineData("    prober: tcp_syn\n    tcp_syn:\n      source_ip_address: 198.18.0.1\n", "netlens.yml:5: module m tcp_syn: unknown key \"source_ip_address\"")]
    [InlineData("    prober: tcp_syn\n    tcp_syn: yes\n", "netlens.yml:4: module m tcp_syn must be a mapping")]
    [InlineData("    prober: udp\n    udpp: {}\n", "netlens.yml:4: module m: unknown key \"udpp\"")]
    public void Bad_udp_and_tcp_syn_settings_are_one_line_errors_naming_the_line(string body, string message)
    {
        var error = Assert.Throws<UsageException>(() => ServeConfigReader.Read("modules:\n  m:\n" + body, "netlens.yml"));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_payload_larger_than_one_datagram_is_refused()
    {
        var yaml = $"modules:\n  m:\n    prober: udp\n    udp:\n      payload: {new string('x', 65508)}\n";

        var error = Assert.Throws<UsageException>(() => ServeConfigReader.Read(yaml, "netlens.yml"));

        Assert.Equal("netlens.yml:5: module m: udp payload must be at most 65507 bytes, not 65508", error.Message);
    }

    [Theory]
    [InlineData(UdpProbeOutcome.Response, false, "open", true)]
    [InlineData(UdpProbeOutcome.PortUnreachable, false, "closed", false)]
    [InlineData(UdpProbeOutcome.AdminProhibited, false, "filtered", false)]
    [InlineData(UdpProbeOutcome.HostUnreachable, true, "filtered", false)]
    [InlineData(UdpProbeOutcome.LocalFirewall, false, "filtered", false)]
    public void A_udp_answer_decides_state_and_success_as_nmap_would(UdpProbeOutcome outcome, bool expectReply, string state, bool success) =>
        Assert.Equal((state, success), UdpModuleProbe.Verdict(outcome, expectReply));

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Silence_is_open_filtered_and_a_success_only_without_expect_reply(bool expectReply, bool success) =>
        Assert.Equal(("open_filtered", success), UdpModuleProbe.Verdict(null, expectReply));

    [Fact]
    public void A_payload_keeps_the_yaml_escapes_as_bytes()
    {
        var module = ServeConfigReader.Read("modules:\n  u:\n    prober: udp\n    udp:\n      payload: \"\\x00\\x01ping\"\n", "netlens.yml").Modules["u"];

        Assert.Equal((byte[])[0, 1, .. Encoding.ASCII.GetBytes("ping")], module.Udp.Payload);
    }
}
