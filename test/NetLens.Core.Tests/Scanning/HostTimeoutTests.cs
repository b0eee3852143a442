using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Scanning;

public class HostTimeoutTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1", 1_000)]
    [InlineData("1.5", 1_500)]
    [InlineData("0.25s", 250)]
    public void Times_are_read_as_nmap_reads_them(string text, double milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), HostTimeout.Parse(text));

    [Fact]
    public void Zero_means_no_limit_as_in_nmap() => Assert.Null(HostTimeout.Parse("0"));

    [Theory]
    [InlineData("")]
    [InlineData("1x")]
    [InlineData("s")]
    [InlineData("-1s")]
    [InlineData("1e3")]
    [InlineData("1..2")]
    public void Anything_else_is_a_usage_error_naming_the_option(string text)
    {
        var error = Assert.Throws<UsageException>(() => HostTimeout.Parse(text));

        Assert.EndsWith("is not a time: give one such as 30s, 500ms, 2m or 1h (a bare number is seconds)", error.Message, StringComparison.Ordinal);
    }
}
