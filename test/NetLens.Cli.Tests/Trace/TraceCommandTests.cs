using NetLens.Cli.Hosting;

namespace NetLens.Cli.Tests.Trace;

/// <summary>The trace command line end to end over loopback, which needs no privilege.</summary>
public class TraceCommandTests
{
    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = NetLensApp.Run(args, new CliOutput(stdout, stderr, outputRedirected: true));
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("--flows", "0")]
    [InlineData("--flows", "65")]
    [InlineData("--udp", "--tcp")]
    [InlineData("--icmp", "--tcp")]
    [InlineData("--csv", "--json")]
    [InlineData("-4", "-6")]
    [InlineData("-o", "LSZ")]
    [InlineData("--order", "I")]
    [InlineData("-6", "-r")]
    public void Bad_options_exit_2_with_one_line_and_no_probe_sent(string first, string second)
    {
        var (code, stdout, stderr) = Run("trace", "127.0.0.1", "-c", "1", first, second);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Empty(stdout);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("netlens: error: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_to_loopback_prints_the_header_and_one_row_for_the_one_hop()
    {
        var (code, stdout, _) = Run("trace", "-n", "127.0.0.1", "--csv", "-c", "3", "-i", "0.01");

        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("Mtr_Version,Start_Time,Status,Host,Hop,Ip,Loss%,Snt, ,Last,Avg,Best,Wrst,StDev,Loss_Kind,Reached,Stop_Reason", lines[0]);
        Assert.Matches(@"^NETLENS\.[0-9.]+,\d+,OK,127\.0\.0\.1,1,127\.0\.0\.1,0\.00,3,0(,\d+\.\d\d){5},none,yes,destination_reached$", Assert.Single(lines[1..]));
    }

    [Fact]
    public void Tcp_without_a_port_probes_port_80_and_verbose_says_how()
    {
        var (code, _, stderr) = Run("trace", "-v", "-n", "127.0.0.1", "--tcp", "-c", "1", "--report");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Matches(@"^netlens: trace 127\.0\.0\.1 \(127\.0\.0\.1\) with (raw_socket|tcp_connect): TCP (SYN to )?port 80\b", stderr);
    }
}
