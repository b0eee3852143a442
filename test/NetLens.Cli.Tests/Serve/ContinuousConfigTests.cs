using System.Net;
using NetLens.Core;
using NetLens.Serve.Config;
using NetLens.Serve.Continuous;

namespace NetLens.Cli.Tests.Serve;

public sealed class ContinuousConfigTests
{
    [Fact]
    public void The_continuous_block_reads_interval_targets_and_file_sd_files()
    {
        var config = ServeConfigReader.Read("""
            continuous:
              interval: 100ms
              targets: [198.18.0.1, "2001:db8::1", gw.example]
              file_sd_configs:
                - files: [/etc/netlens/targets/*.json, /etc/netlens/more.yml]
            """, "c.yml");

        Assert.NotNull(config.Continuous);
        Assert.Equal(TimeSpan.FromMilliseconds(100), config.Continuous.Interval);
        Assert.Equal(["198.18.0.1", "2001:db8::1", "gw.example"], config.Continuous.Targets);
        Assert.Equal(["/etc/netlens/targets/*.json", "/etc/netlens/more.yml"], config.Continuous.FileSdFiles);
    }

    [Fact]
    public void Without_an_interval_it_is_smokeping_probers_second_and_without_the_block_there_is_none()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), ServeConfigReader.Read("continuous:\n  targets: [198.18.0.1]\n", "c.yml").Continuous!.Interval);
        Assert.Null(ServeConfigReader.Read("modules: {}\n", "c.yml").Continuous);
    }

    [Theory]
    [InlineData("continuous:\n  interval: 5ms\n", "c.yml:2: continuous: interval \"5ms\" is not a duration of at least 10ms")]
    [InlineData("continuous:\n  intervall: 1s\n", "c.yml:2: continuous: unknown key \"intervall\"")]
    [InlineData("continuous:\n  file_sd_configs:\n    - refresh_interval: 1m\n", "file_sd_configs: an entry needs files")]
    [InlineData("continuous:\n  file_sd_configs:\n    - files: [/etc/*/t.json]\n", "a * may only be in the file name")]
    [InlineData("continuous:\n  targets: 198.18.0.1\n", "continuous targets must be a list")]
    public void A_bad_continuous_block_is_one_line_naming_the_file_and_line(string text, string expected)
    {
        var error = Assert.Throws<UsageException>(() => ServeConfigReader.Read(text, "c.yml"));
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void File_sd_files_in_json_and_yaml_give_their_targets_in_order()
    {
        Assert.Equal(["198.18.0.1", "198.18.0.2:9100", "[2001:db8::1]:80"],
            FileSdParser.Parse("""[{"targets": ["198.18.0.1", "198.18.0.2:9100"], "labels": {"site": "a"}}, {"targets": ["[2001:db8::1]:80"]}]""", "a.json"));
        Assert.Equal(["198.18.0.3", "gw.example"], FileSdParser.Parse("- targets:\n  - 198.18.0.3\n  - gw.example\n  labels:\n    site: b\n", "b.yml"));
        Assert.Empty(FileSdParser.Parse("", "empty.json"));
    }

    [Theory]
    [InlineData("{\"targets\": [\"198.18.0.1\"]}", "a.json:1: a file_sd file is a list of target groups")]
    [InlineData("[{\"target\": [\"198.18.0.1\"]}]", "unknown key \"target\" in a target group")]
    [InlineData("[{\"targets\": \"198.18.0.1\"}]", "targets must be a list")]
    [InlineData("[{\"targets\": [\"198.18.0.1\"", "a.json:")]
    public void A_malformed_file_sd_file_is_one_error_line(string text, string expected)
    {
        var error = Assert.Throws<UsageException>(() => FileSdParser.Parse(text, "a.json"));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("198.18.0.1", "198.18.0.1")]
    [InlineData("198.18.0.1:9100", "198.18.0.1")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("[2001:db8::1]:80", "2001:db8::1")]
    [InlineData("gw.example:9100", "198.18.9.9")]
    [InlineData("gw.example", "198.18.9.9")]
    public void Targets_lose_their_port_and_names_resolve_ipv4_first(string listed, string address)
    {
        var target = TargetResolution.Resolve(listed, name => name == "gw.example" ? [IPAddress.Parse("2001:db8::9"), IPAddress.Parse("198.18.9.9")] : [], out var failure);
        Assert.Null(failure);
        Assert.Equal(new ContinuousTarget(listed, IPAddress.Parse(address)), target);
    }

    [Fact]
    public void A_name_without_an_address_is_skipped_with_the_reason()
    {
        Assert.Null(TargetResolution.Resolve("nowhere.example", _ => [], out var failure));
        Assert.Equal("nowhere.example: the name has no address", failure);
    }
}
