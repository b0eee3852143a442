using NetLens.Cli.Hosting;

namespace NetLens.Cli.Tests.Hosting;

/// <summary>--verbose names the mechanism that answered, on stderr, for every command; stdout is the same answer.</summary>
public class VerboseMechanismTests
{
    [Theory]
    [InlineData("rtnetlink", "routes")]
    [InlineData("/proc/net/ipv6_route", "routes", "--format", "route", "-6")]
    [InlineData("sock_diag", "sockets", "-tan")]
    [InlineData("/proc/net/sockstat", "sockets", "-s")]
    [InlineData("connect()", "scan", "-sT", "-Pn", "-p", "1", "127.0.0.1")]
    public void The_mechanism_is_named_on_stderr(string mechanism, params string[] args)
    {
        var (code, _, stderr) = Run(["--verbose", .. args]);

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.StartsWith("netlens: ", stderr, StringComparison.Ordinal);
        Assert.Contains(mechanism, stderr.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Without_verbose_nothing_is_said()
    {
        var (_, _, stderr) = Run("routes");

        Assert.Equal(string.Empty, stderr);
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = NetLensApp.Run(args, new CliOutput(stdout, stderr, outputRedirected: true));
        return (code, stdout.ToString(), stderr.ToString());
    }
}
