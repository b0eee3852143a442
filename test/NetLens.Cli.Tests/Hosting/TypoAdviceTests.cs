using NetLens.Cli.Hosting;

namespace NetLens.Cli.Tests.Hosting;

/// <summary>A mistyped command or option is named, the nearest one suggested, and the help of the command it was typed under pointed to.</summary>
public class TypoAdviceTests
{
    [Theory]
    [InlineData("'rout' is not a command of 'netlens' (did you mean 'route'?) (see 'netlens --help')", "rout", "get", "198.18.0.1")]
    [InlineData("'routs' is not a command of 'netlens' (did you mean 'routes'?) (see 'netlens --help')", "routs")]
    [InlineData("'gte' is not a command of 'netlens route' (did you mean 'get'?) (see 'netlens route --help')", "route", "gte", "198.18.0.1")]
    [InlineData("'opn' is not a command of 'netlens port' (did you mean 'open'?) (see 'netlens port --help')", "port", "opn", "80")]
    [InlineData("'frobnicate' is not a command of 'netlens'; commands: routes, route, sockets, scan, trace, port, doctor, completion, serve (see 'netlens --help')", "frobnicate")]
    [InlineData("unknown option '--chek' for 'netlens routes' (did you mean '--check'?) (see 'netlens routes --help')", "routes", "--chek")]
    [InlineData("unknown option '-Q' for 'netlens trace' (see 'netlens trace --help')", "trace", "-Q", "198.18.0.1")]
    [InlineData("'netlens port' needs a command: open, close, check, test, listen (see 'netlens port --help')", "port")]
    public void Says_what_was_not_understood_and_what_was_meant(string expected, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = NetLensApp.Run(args, new CliOutput(stdout, stderr, outputRedirected: true));

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Equal(string.Empty, stdout.ToString());
        Assert.Equal("netlens: error: " + expected, stderr.ToString().TrimEnd('\n', '\r'));
    }
}
