using NetLens.Cli.Hosting;

namespace NetLens.Cli.Tests.Hosting;

/// <summary>Bad input: one line on stderr starting "netlens: error:", exit 2, nothing on stdout, no stack trace.</summary>
public class BadInputTests
{
    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = NetLensApp.Run(args, new CliOutput(stdout, stderr, outputRedirected: true));
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("route", "get", "198.18.0.300")]
    [InlineData("route", "get", "has spaces in it")]
    [InlineData("route", "get", "198.18.0.1", "--mark", "0xzz")]
    [InlineData("route", "get", "198.18.0.1", "--sport", "70000")]
    [InlineData("route", "get", "198.18.0.1", "--from", "2001:db8::1")]
    [InlineData("route", "get", "198.18.0.1", "--from", "nonsense")]
    [InlineData("route", "get", "198.18.0.1", "--ipproto", "banana")]
    [InlineData("route", "get", "2001:db8::1", "-4")]
    [InlineData("route", "get", "198.18.0.1", "-4", "-6")]
    [InlineData("route", "get")]
    [InlineData("route")]
    [InlineData("routes", "--format", "xml")]
    [InlineData("routes", "--table", "no-such-table")]
    [InlineData("routes", "--no-such-option")]
    [InlineData("no-such-command")]
    [InlineData("--netns", "nlab-no-such-namespace-here", "routes")]
    public void Is_refused_with_one_line_and_exit_2(params string[] args)
    {
        var (code, stdout, stderr) = Run(args);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Equal(string.Empty, stdout);
        var lines = stderr.TrimEnd('\n', '\r').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("netlens: error: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Debug_adds_the_stack_trace()
    {
        var (code, _, stderr) = Run("--debug", "--netns", "nlab-no-such-namespace-here", "routes");

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains("UsageException", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_is_shown_for_a_bare_call()
    {
        var (code, stdout, _) = Run();

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("routes", stdout, StringComparison.Ordinal);
        Assert.Contains("'netlens route ADDR'", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_prints_the_version()
    {
        var (code, stdout, _) = Run("--version");

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("0.", stdout, StringComparison.Ordinal);
    }
}
