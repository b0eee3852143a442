using System.Collections.Concurrent;
using System.Diagnostics;

namespace NetLens.Lab.Tests.Routing;

/// <summary>`ip -n NS monitor route rule` running beside the watch: the classic tool's words for the same events.</summary>
internal sealed class IpMonitor : IDisposable
{
    /// <summary>The route changed until ip monitor shows it (it gives no sign when it starts listening).</summary>
    public const string Probe = "198.18.48.0/24";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly LabNamespace _ns;
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];

    public IpMonitor(LabNamespace ns)
    {
        _ns = ns;
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-n", ns.Name, "monitor", "route", "rule" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("cannot start ip monitor");
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _lines.Add(line);
            }
        };
        _process.BeginOutputReadLine();
    }

    /// <summary>Adds and deletes the probe route until ip monitor reports it; the probe's events are left out of both sides.</summary>
    public void WaitUntilListening()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            _ns.Ip(attempt % 2 == 0 ? $"route add {Probe} dev lab0" : $"route del {Probe}");
            if (_lines.TryTake(out var line, TimeSpan.FromMilliseconds(100)) && line.Contains(Probe, StringComparison.Ordinal))
            {
                _ = _ns.TryIp($"route del {Probe}");
                return;
            }
        }

        Assert.Fail("ip monitor never reported the probe route");
    }

    /// <summary>ip monitor's events up to the one naming <paramref name="sentinel"/>, each on one line (nexthops joined, the rule's tab a space).</summary>
    public List<string> EventsUntil(string sentinel)
    {
        var events = new List<string>();
        while (events.Count == 0 || !events[^1].Contains(sentinel, StringComparison.Ordinal))
        {
            Assert.True(_lines.TryTake(out var line, Patience), $"ip monitor never reported {sentinel}; saw:\n{string.Join('\n', events)}");
            if (char.IsWhiteSpace(line![0]) && events.Count > 0)
            {
                events[^1] += " " + line.Trim();
            }
            else
            {
                events.Add(line.Trim());
            }
        }

        return [.. events
            .Where(e => !e.Contains(Probe, StringComparison.Ordinal))
            .Select(e => RuleLine().IsMatch(e) ? RuleLine().Replace(e, "${deleted}rule ${priority}: ", 1) : e)];
    }

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        _lines.Dispose();
    }

    private static System.Text.RegularExpressions.Regex RuleLine() => new(@"^(?<deleted>Deleted )?(?<priority>\d+):\s+");
}
