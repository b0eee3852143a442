using NetLens.Cli.Hosting;

namespace NetLens.Cli.Tests.Json;

public class JsonOptionTests
{
    [Theory]
    [InlineData("-oX")]
    [InlineData("-oN")]
    public void Scan_json_and_another_output_on_stdout_is_bad_usage_in_one_line(string output)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };

        var code = NetLensApp.Run(["scan", "127.0.0.1", "-p", "1", output, "-", "--json"], new CliOutput(stdout, stderr, outputRedirected: true));

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Empty(stdout.ToString());
        Assert.Equal("netlens: error: --json and -oX -/-oN -/-oG - all write to stdout: give one (or a FILE to -oX/-oN/-oG)\n", stderr.ToString());
    }

    [Fact]
    public void Route_get_batch_with_explain_still_says_explain_needs_one_address()
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };

        var code = NetLensApp.Run(["route", "get", "--batch", "-", "--explain", "--json"], new CliOutput(stdout, stderr, outputRedirected: true));

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Equal("netlens: error: --batch prints one line per question; --explain works with a single ADDR\n", stderr.ToString());
    }
}
