using NetLens.Cli.Hosting;

namespace NetLens.Cli.Tests.Hosting;

/// <summary>Help says what really happens, once.</summary>
public class HelpTextTests
{
    private static string Help(params string[] args)
    {
        var stdout = new StringWriter();
        var code = NetLensApp.Run([.. args, "--help"], new CliOutput(stdout, new StringWriter(), outputRedirected: true));
        Assert.Equal(ExitCodes.Success, code);
        return stdout.ToString();
    }

    [Fact]
    public void Route_get_names_its_address_once()
    {
        var help = Help("route", "get");

        Assert.Contains(" route get [<ADDR>] [options]", help, StringComparison.Ordinal);
        Assert.DoesNotContain("route [<ADDR>] get", help, StringComparison.Ordinal);
        Assert.Single(help.Split('\n'), l => l.TrimStart().StartsWith("<ADDR>", StringComparison.Ordinal));
    }

    [Fact]
    public void Routes_offers_the_wide_table()
    {
        Assert.Contains("-w, --wide", Help("routes"), StringComparison.Ordinal);
    }
}
