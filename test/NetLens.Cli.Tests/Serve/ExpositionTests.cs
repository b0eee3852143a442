using System.Net;
using NetLens.Serve.Config;
using NetLens.Serve.Exposition;
using NetLens.Serve.Probing;

namespace NetLens.Cli.Tests.Serve;

public sealed class ExpositionTests
{
    [Theory]
    [InlineData(1, "1")]
    [InlineData(64, "64")]
    [InlineData(0.000410348, "0.000410348")]
    [InlineData(8.963e-06, "8.963e-06")]
    [InlineData(3668918509, "3.668918509e+09")]
    [InlineData(123456, "123456")]
    [InlineData(1e6, "1e+06")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0, "0")]
    public void Values_are_written_as_gos_shortest_g_format(double value, string expected) =>
        Assert.Equal(expected, TextExposition.GoFloat(value));

    [Fact]
    public void Families_are_sorted_with_help_type_and_escaped_labels()
    {
        var metrics = new MetricSet();
        metrics.Gauge("probe_success", "Displays whether or not the probe was a success").Set(1);
        metrics.Gauge("probe_icmp_duration_seconds", "Duration of icmp request by phase")
            .Set(0.5, new KeyValuePair<string, string>("phase", "rtt"))
            .Set(0, new KeyValuePair<string, string>("phase", "a\"b"));

        Assert.Equal("""
            # HELP probe_icmp_duration_seconds Duration of icmp request by phase
            # TYPE probe_icmp_duration_seconds gauge
            probe_icmp_duration_seconds{phase="a\"b"} 0
            probe_icmp_duration_seconds{phase="rtt"} 0.5
            # HELP probe_success Displays whether or not the probe was a success
            # TYPE probe_success gauge
            probe_success 1

            """.ReplaceLineEndings("\n"), TextExposition.Write(metrics));
    }

    [Fact]
    public void The_address_hash_is_fnv1a_32_of_the_address_bytes_as_blackbox_computes_it() =>
        Assert.Equal(3668918509u, AddressChoice.Fnv1a32(IPAddress.Loopback));

    [Theory]
    [InlineData(null, 0, 119.5)]
    [InlineData("10", 0, 9.5)]
    [InlineData("10", 2, 2)]
    [InlineData("2", 5, 1.5)]
    [InlineData("0.2", 5, 5)]
    public void The_probe_timeout_is_the_scrape_timeout_less_the_offset_or_the_modules_when_shorter(string? header, double moduleSeconds, double expected)
    {
        var module = new ProbeModule("m", ProberKind.Icmp, TimeSpan.FromSeconds(moduleSeconds), new IpChoice("ip6", true, null));
        Assert.True(ProbeHandler.TryTimeout(header, module, out var seconds));
        Assert.Equal(expected, seconds, 6);
    }

    [Theory]
    [InlineData("198.18.0.1:80", "198.18.0.1", 80)]
    [InlineData("[2001:db8::1]:443", "2001:db8::1", 443)]
    [InlineData("host.example:22", "host.example", 22)]
    public void Tcp_targets_split_into_host_and_port(string target, string host, ushort port)
    {
        Assert.True(TcpModuleProbe.TrySplitHostPort(target, out var h, out var p));
        Assert.Equal((host, port), (h, p));
    }

    [Theory]
    [InlineData("198.18.0.1")]
    [InlineData("2001:db8::1:80")]
    [InlineData(":80")]
    public void Tcp_targets_without_a_port_are_refused(string target) =>
        Assert.False(TcpModuleProbe.TrySplitHostPort(target, out _, out _));
}
