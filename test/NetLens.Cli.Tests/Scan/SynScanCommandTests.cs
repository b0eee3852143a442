using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Scan;
using NetLens.Core.Scanning;

namespace NetLens.Cli.Tests.Scan;

/// <summary>The SYN scan's options: bad combinations are one line and exit 2, and the progress line's shape.</summary>
public class SynScanCommandTests
{
    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = NetLensApp.Run(args, new CliOutput(stdout, stderr, outputRedirected: true));
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("scan", "127.0.0.1", "-sS", "-sT")]
    [InlineData("scan", "127.0.0.1", "-T3", "-T4")]
    [InlineData("scan", "127.0.0.1", "-sn", "-Pn")]
    [InlineData("scan", "127.0.0.1", "--min-rate", "500", "--max-rate", "100")]
    [InlineData("scan", "127.0.0.1", "--max-rate", "0")]
    [InlineData("scan", "127.0.0.1", "-T6")]
    public void Bad_combinations_are_one_line_and_exit_2(params string[] args)
    {
        var (code, stdout, stderr) = Run(args);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Empty(stdout);
        Assert.StartsWith("netlens: error: ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_forced_connect_scan_says_so_in_json()
    {
        var (code, stdout, _) = Run("scan", "127.0.0.1", "-sT", "-Pn", "-p", "1", "--json");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("\"mechanisms\": [\n    \"tcp_connect\"\n  ]", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_progress_line_shows_a_bar_the_share_and_the_counts()
    {
        var line = ScanProgressBar.Line(new ScanProgress(21_845, 65_535, 48_310, TimeSpan.FromSeconds(2.1)));

        Assert.Equal("[##########....................]  33.3% 21,845/65,535 ports, 48,310 probes, 2.1s", line);
    }

    [Fact]
    public void The_progress_line_ends_with_the_time_left_when_it_is_known()
    {
        var line = ScanProgressBar.Line(new ScanProgress(21_845, 65_535, 48_310, TimeSpan.FromSeconds(2.1)) { Remaining = TimeSpan.FromSeconds(95) });

        Assert.EndsWith(", 2.1s, about 1m35s left", line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_progress_bar_stays_quiet_for_the_first_second_and_erases_itself()
    {
        var error = new StringWriter();
        using (var bar = new ScanProgressBar(error))
        {
            bar.Report(new ScanProgress(1, 10, 1, TimeSpan.FromMilliseconds(500)));
            Assert.Empty(error.ToString());
            bar.Report(new ScanProgress(5, 10, 9, TimeSpan.FromSeconds(1.5)));
        }

        Assert.StartsWith("\r[###############", error.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("\r\u001b[K", error.ToString(), StringComparison.Ordinal);
    }
}
