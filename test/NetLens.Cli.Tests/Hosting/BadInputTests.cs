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
    [InlineData("route", "get", "198.18.0.1", "--batch", "")]
    [InlineData("route", "get", "198.18.0.1", "--snapshot", "")]
    [InlineData("route", "get", "198.18.0.1", "--snapshot", "/")]
    [InlineData("routes", "--diff", "")]
    [InlineData("routes", "--diff", "/")]
    [InlineData("routes", "--save", "")]
    [InlineData("routes", "--save", "/")]
    [InlineData("port", "check", "22/tcp", "--ruleset", "")]
    [InlineData("port", "check", "22/tcp", "--ruleset", "/")]
    [InlineData("port", "check", "22/tcp", "--services-file", "")]
    [InlineData("port", "open", "8472/udp", "--dry-run", "--services-file", "")]
    [InlineData("trace", "-i", "nan", "198.18.0.1")]
    [InlineData("trace", "--timeout", "nan", "198.18.0.1")]
    [InlineData("trace", "--timeout", "-1", "198.18.0.1")]
    [InlineData("trace", "-i", "Infinity", "198.18.0.1")]
    [InlineData("trace", "--count", "abc", "198.18.0.1")]
    [InlineData("scan", "198.18.0.1", "--max-hosts", "abc")]
    [InlineData("route", "198.18.0.1", "get", "127.0.0.1")]
    [InlineData("trace", "")]
    [InlineData("trace", "0.0.0.0")]
    [InlineData("trace", "::")]
    [InlineData("serve", "--otlp-endpoint", "ftp://198.18.0.1:4318")]
    [InlineData("serve", "--otlp-endpoint", "not a url")]
    [InlineData("serve", "--otlp-endpoint", "http://127.0.0.1:4318", "--otlp-interval", "5ms")]
    [InlineData("serve", "--otlp-endpoint", "http://127.0.0.1:4318", "--otlp-interval", "soon")]
    [InlineData("port", "test", "198.18.0.1:8472/udp", "--peer-netns", "")]
    [InlineData("serve", "--listen", ":0")]
    [InlineData("serve", "--listen", ":http")]
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

    [Theory]
    [InlineData("route", "get")]
    [InlineData("trace")]
    [InlineData("scan", "-sn")]
    [InlineData("port", "test")]
    public void A_10_kb_host_name_is_refused_and_not_echoed_whole(params string[] command)
    {
        var name = new string('a', 10 * 1024);
        var (code, _, stderr) = Run([.. command, command[0] == "port" ? $"{name}:22" : name]);

        Assert.Equal(ExitCodes.BadUsage, code);
        var line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("netlens: error: ", line, StringComparison.Ordinal);
        Assert.True(line.Length < 300, line);
        Assert.DoesNotContain("hostName", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_number_is_said_in_words_not_dotnet_type_names()
    {
        var (_, _, stderr) = Run("trace", "--count", "abc", "198.18.0.1");

        Assert.Contains("--count \"abc\" is not a whole number", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_batch_line_is_quoted_escaped_and_cut()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "198.18.0.1\n\u001b[31mred\u0007" + new string('x', 1 << 20) + "\n");

            var (code, _, stderr) = Run("route", "get", "--batch", file);

            Assert.Equal(ExitCodes.BadUsage, code);
            var line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
            Assert.Contains("line 2: \"\\x1b[31mred\\x07xxx", line, StringComparison.Ordinal);
            Assert.DoesNotContain('\u001b', line);
            Assert.DoesNotContain('\u0007', line);
            Assert.True(line.Length < 300, $"{line.Length} characters");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_snapshot_with_prefix_length_200_is_refused_as_damaged()
    {
        var file = Path.GetTempFileName();
        try
        {
            Assert.Equal(ExitCodes.Success, Run("routes", "--save", file).Code);
            var text = File.ReadAllText(file);
            Assert.Contains("\"prefix_length\":", text, StringComparison.Ordinal);
            File.WriteAllText(file, System.Text.RegularExpressions.Regex.Replace(text, "\"prefix_length\":\\d+", "\"prefix_length\":200"));

            var (code, stdout, stderr) = Run("route", "get", "127.0.0.1", "--snapshot", file);

            Assert.Equal(ExitCodes.BadUsage, code);
            Assert.Equal(string.Empty, stdout);
            Assert.Contains("prefix_length 200", stderr, StringComparison.Ordinal);
            Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("127.1", "local 127.1.0.0 dev lo ")]
    [InlineData("127", "local 127.0.0.0 dev lo ")]
    public void Route_get_reads_a_short_address_as_ip_does(string text, string firstLine)
    {
        var (code, stdout, _) = Run("route", "get", text);

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith(firstLine, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_takes_a_bare_port_as_blackbox_does_and_goes_on_to_the_config()
    {
        // `--listen :9115` parses (every IPv4 address), so the first thing refused is the missing config, not the address.
        var (code, _, stderr) = Run("serve", "--listen", ":9115", "--config", "/nonexistent/netlens-serve.yml");

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains("cannot read the config", stderr, StringComparison.Ordinal);
    }
}
