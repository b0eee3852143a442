using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace NetLens.Lab.Tests.Trace;

/// <summary>
/// The live view of the native binary on a real pseudo-terminal (script(1) gives it one): keys typed, frames drawn, and
/// the terminal's settings after it ended, as `stty -a` in the same terminal reports them.
/// </summary>
public partial class LiveTraceLabTests(HostsEcmpLab lab) : IClassFixture<HostsEcmpLab>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [GeneratedRegex(@"  2\. 198\.18\.[23]\.2 \(\d+%\)")]
    private static partial Regex SplitHopRow();

    [GeneratedRegex(@"\x1b\[J\r*\n\x1b\[\?25hexit=0")]
    private static partial Regex NothingAfterLastFrame();

    [GeneratedRegex(@"paused after (\d+) rounds?")]
    private static partial Regex Paused();

    /// <summary>One command line run by bash in a pseudo-terminal; what it prints is collected as it comes.</summary>
    private sealed class Pty : IDisposable
    {
        private readonly Process _script;
        private readonly StringBuilder _output = new();
        private readonly Task _reading;

        public Pty(string command)
        {
            var start = new ProcessStartInfo("script", ["-q", "-f", "-e", "-c", command, "/dev/null"])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["SHELL"] = "/bin/bash";
            _script = Process.Start(start)!;
            _reading = Task.Run(async () =>
            {
                var buffer = new char[4096];
                int read;
                while ((read = await _script.StandardOutput.ReadAsync(buffer)) > 0)
                {
                    lock (_output)
                    {
                        _output.Append(buffer, 0, read);
                    }
                }
            });
        }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public void Type(string keys)
        {
            _script.StandardInput.Write(keys);
            _script.StandardInput.Flush();
        }

        /// <summary>Polls what was printed since <paramref name="from"/> until <paramref name="seen"/> holds, at most <see cref="Bound"/>.</summary>
        public async Task<string> WaitFor(Func<string, bool> seen, int from = 0)
        {
            var until = Stopwatch.GetTimestamp() + (long)(Bound.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < until)
            {
                var text = Output[from..];
                if (seen(text))
                {
                    return text;
                }

                await Task.Delay(50);
            }

            throw new TimeoutException($"not seen within {Bound}; printed so far:\n{Output[from..]}");
        }

        public async Task<int> Exit()
        {
            using var timeout = new CancellationTokenSource(Bound);
            await _script.WaitForExitAsync(timeout.Token);
            await _reading;
            return _script.ExitCode;
        }

        public void Dispose()
        {
            if (!_script.HasExited)
            {
                _script.Kill(entireProcessTree: true);
            }

            _script.Dispose();
        }
    }

    private string Command(string netlensArguments) =>
        $"stty cols 120 rows 40; {NativeBinary.Path} --netns {lab.Source.Name} trace -n {HostsEcmpLab.Target} {netlensArguments}; echo exit=$?; stty -a";

    private static void AssertTerminalRestored(string output)
    {
        var stty = output[output.LastIndexOf("exit=", StringComparison.Ordinal)..];
        Assert.Contains(" icanon", stty, StringComparison.Ordinal);
        Assert.Contains(" echo ", stty, StringComparison.Ordinal);
        Assert.DoesNotContain("-icanon", stty, StringComparison.Ordinal);
        Assert.DoesNotContain("-echo ", stty, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Keys_pause_reset_and_quit_the_live_view_which_then_prints_nothing_more_and_restores_the_terminal()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var pty = new Pty(Command("-i 0.05"));

        // Given frames with every hop, the split one with both routers and their shares, the header as wide as the terminal.
        var running = await pty.WaitFor(text => SplitHopRow().IsMatch(text) && text.Contains($"  3. {HostsEcmpLab.Target}", StringComparison.Ordinal));
        Assert.Matches(@"  1\. 198\.18\.1\.2 +\d+\.\d%", running);
        Assert.Matches(@"\n {5}198\.18\.[23]\.2 \(\d+%\)\x1b\[K", running);
        Assert.Matches(@"Keys: q quit  p pause/resume  r reset counters {2,}\d+ rounds?\x1b\[K", running);
        var keysLine = running[running.IndexOf("Keys:", StringComparison.Ordinal)..];
        Assert.Equal(120, keysLine[..keysLine.IndexOf('\u001b', StringComparison.Ordinal)].Length);

        // p: probing stops; the frames that follow (redrawn every quarter second) all show the same round count.
        var mark = pty.Output.Length;
        pty.Type("p");
        var paused = await pty.WaitFor(text => Paused().Matches(text).Count >= 3, mark);
        Assert.Single(Paused().Matches(paused).Select(m => m.Groups[1].Value).Distinct());

        // r while paused: the counters start over at zero.
        mark = pty.Output.Length;
        pty.Type("r");
        await pty.WaitFor(text => text.Contains("paused after 0 rounds", StringComparison.Ordinal), mark);

        // p again: probing resumes and counts from zero.
        mark = pty.Output.Length;
        pty.Type("p");
        await pty.WaitFor(text => Regex.IsMatch(text, @"counters +\d+ rounds?\x1b\[K"), mark);

        pty.Type("q");
        Assert.Equal(0, await pty.Exit());
        var output = pty.Output;
        Assert.Matches(NothingAfterLastFrame(), output);
        AssertTerminalRestored(output);
    }

    [SkippableFact]
    public async Task Ctrl_c_ends_the_live_view_with_exit_0_and_the_terminal_restored()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var pty = new Pty(Command("-i 0.05"));
        await pty.WaitFor(text => text.Contains($"  3. {HostsEcmpLab.Target}", StringComparison.Ordinal));

        // The terminal turns ^C into SIGINT for its foreground processes: netlens and the bash waiting for it.
        pty.Type("\u0003");

        Assert.Equal(0, await pty.Exit());
        var output = pty.Output;
        Assert.Matches(NothingAfterLastFrame(), output);
        AssertTerminalRestored(output);
    }

    [SkippableFact]
    public async Task With_a_count_the_live_view_ends_by_itself_after_that_many_rounds()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var pty = new Pty(Command("-c 5 -i 0.05"));

        Assert.Equal(0, await pty.Exit());
        var output = pty.Output;
        Assert.Matches(@"counters +5 rounds\x1b\[K", output);
        Assert.Matches(NothingAfterLastFrame(), output);
        AssertTerminalRestored(output);
    }
}
