using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NetLens.Lab.Tests.Trace;

/// <summary>
/// A long `trace --report` / `--json` stopped by a signal: the rounds done are printed (mtr's report with Snt of
/// them, JSON marked interrupted), and the exit code is 128 + the signal.
/// </summary>
public sealed class InterruptedTraceLabTests(TraceChainLab lab) : IClassFixture<TraceChainLab>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private (int ExitCode, string Stdout, string Stderr) RunAndSignal(string signal, params string[] arguments)
    {
        var start = new ProcessStartInfo(NativeBinary.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--netns");
        start.ArgumentList.Add(lab.Source.Name);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var trace = Process.Start(start)!;
        var stdout = trace.StandardOutput.ReadToEndAsync();
        var stderr = trace.StandardError.ReadToEndAsync();
        try
        {
            // 1000 rounds 0.1 s apart: a good second of rounds are done when the signal comes
            Assert.False(trace.WaitForExit(TimeSpan.FromSeconds(1.5)), "the trace ended before it could be interrupted");
            Shell.Check("kill", [$"-{signal}", trace.Id.ToString(CultureInfo.InvariantCulture)]);
            Assert.True(trace.WaitForExit(Patience), "the trace did not end on the signal");
            return (trace.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
        finally
        {
            if (!trace.HasExited)
            {
                trace.Kill(entireProcessTree: true);
            }
        }
    }

    [SkippableTheory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public void The_report_prints_the_rounds_done(string signal, int exitCode)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = RunAndSignal(signal, "trace", "--report", "-n", "-c", "1000", "-i", "0.1", TraceChainLab.TargetV4);

        Assert.Equal(exitCode, run.ExitCode);
        var hops = run.Stdout.Split('\n').Where(l => l.Contains(".|--", StringComparison.Ordinal)).ToList();
        Assert.True(hops.Count >= 4, run.Stdout + run.Stderr);
        Assert.Contains(hops, l => l.Contains(TraceChainLab.TargetV4, StringComparison.Ordinal));
        Assert.All(hops, l =>
        {
            // Loss% then Snt: some rounds, far fewer than the 1000 asked for
            var sent = int.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3], CultureInfo.InvariantCulture);
            Assert.InRange(sent, 1, 999);
        });
    }

    [SkippableFact]
    public void The_json_document_is_whole_and_marked_interrupted()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = RunAndSignal("INT", "--json", "trace", "-n", "-c", "1000", "-i", "0.1", TraceChainLab.TargetV4);

        Assert.Equal(130, run.ExitCode);
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.True(document.RootElement.GetProperty("interrupted").GetBoolean());
        var rounds = document.RootElement.GetProperty("rounds").GetInt32();
        Assert.InRange(rounds, 1, 999);
        Assert.All(document.RootElement.GetProperty("hops").EnumerateArray(), hop => Assert.InRange(hop.GetProperty("sent").GetInt32(), 1, rounds));
    }
}
