using System.Collections.Concurrent;
using System.Diagnostics;

namespace NetLens.Lab.Tests.Routing;

/// <summary>The native `netlens routes --watch` into a pipe: each event arrives at once, and a signal ends it with exit 0.</summary>
public sealed class WatchNativeLabTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [SkippableTheory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void Each_event_reaches_the_pipe_while_watching_and_a_signal_ends_it_cleanly(string signal)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var ns = LabNamespace.Create("watchpipe");
        ns.Ip("link add lab0 type veth peer name lab0p");
        ns.Ip("link set lab0 up");
        ns.Ip("link set lab0p up");
        var start = new ProcessStartInfo(NativeBinary.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--netns", ns.Name, "routes", "--watch", "-4" })
        {
            start.ArgumentList.Add(argument);
        }

        using var watch = Process.Start(start)!;
        using var lines = new BlockingCollection<string>();
        watch.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lines.Add(line);
            }
        };
        watch.BeginOutputReadLine();
        try
        {
            // the watch gives no sign that it listens: change a route until the first line comes through the pipe
            string? first = null;
            for (var attempt = 0; attempt < 100 && first is null; attempt++)
            {
                ns.Ip(attempt % 2 == 0 ? "route add 198.18.48.0/24 dev lab0" : "route del 198.18.48.0/24");
                lines.TryTake(out first, TimeSpan.FromMilliseconds(200));
            }

            Assert.NotNull(first);
            Assert.False(watch.HasExited);
            Assert.Matches(@"^\d\d:\d\d:\d\d\.\d\d\d (added|removed) +198\.18\.48\.0/24 dev lab0 scope link table main  \[static\]$", first);

            Shell.Check("kill", [$"-{signal}", watch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

            Assert.True(watch.WaitForExit(Patience), "the watch did not end on the signal");
            Assert.Equal(0, watch.ExitCode);
            Assert.Equal(string.Empty, watch.StandardError.ReadToEnd());
        }
        finally
        {
            if (!watch.HasExited)
            {
                watch.Kill();
            }
        }
    }
}
