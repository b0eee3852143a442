using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using NetLens.Cli.Commands.Routing;
using NetLens.Cli.Hosting;

namespace NetLens.Lab.Tests.Routing;

/// <summary>`routes --watch` in-process on a background task while `ip` changes routes, rules and addresses in the lab.</summary>
public sealed class WatchLabTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task Each_change_is_one_line_in_order_in_ips_words_with_table_and_origin()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new RoutingLab();
        var ns = lab.Ns;

        var lines = await WatchWhile(new RoutesOptions { Netns = ns.Name }, "198.18.49.0/24", () =>
        {
            ns.Ip("route add 198.18.41.0/24 via 198.18.0.2 proto static");
            var added = ns.Ip("route show 198.18.41.0/24").Trim();
            ns.Ip("rule add fwmark 0x21 lookup 100 priority 401");
            var rule = SnapshotLabTests.IpRuleLine(ns, 401);
            ns.Ip("route del 198.18.41.0/24 via 198.18.0.2");
            ns.Ip("rule del priority 401");
            ns.Ip("addr add 198.18.4.1/24 dev lab1");
            var connected = ns.Ip("route show 198.18.4.0/24").Trim();
            ns.Ip("route add 198.18.49.0/24 dev lab0");
            return (added, rule, connected);
        });
        var (added, rule, connected) = lines.State;

        var events = lines.Lines.Select(l => l[13..]).ToList();
        Assert.All(lines.Lines, l => Assert.Matches(@"^\d\d:\d\d:\d\d\.\d\d\d ", l));
        Assert.Equal(
            [
                $"added    {added} table main  [static]",
                $"added    rule {rule}",
                $"removed  {added} table main  [static]",
                $"removed  rule {rule}",
            ],
            events.Where(e => e.Contains("198.18.41.0/24", StringComparison.Ordinal) || e.Contains("rule 401:", StringComparison.Ordinal)));
        Assert.Contains("added    addr lab1 inet 198.18.4.1/24 scope global", events);
        Assert.Contains($"added    {connected} table main  [kernel]", events);
        Assert.Contains(events, e => e.StartsWith("added    local 198.18.4.1 dev lab1 table local proto kernel scope host src 198.18.4.1", StringComparison.Ordinal));
        Assert.True(
            events.IndexOf("added    addr lab1 inet 198.18.4.1/24 scope global") > events.FindIndex(e => e.StartsWith("removed  rule 401:", StringComparison.Ordinal)),
            "the address came after the rule was removed");
    }

    [SkippableFact]
    public async Task Json_prints_one_object_per_line_and_ipv6_only_sees_ipv6()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new RoutingLab();
        var ns = lab.Ns;

        var lines = await WatchWhile(new RoutesOptions { Netns = ns.Name, Json = true, Family = AddressFamily.InterNetworkV6 }, "2001:db8:49::/48", () =>
        {
            ns.Ip("route add 198.18.42.0/24 via 198.18.0.2");
            ns.Ip("-6 route add 2001:db8:41::/48 via 2001:db8::fe proto static");
            ns.Ip("-6 route del 2001:db8:41::/48 via 2001:db8::fe");
            ns.Ip("-6 route add 2001:db8:49::/48 dev lab0");
            return ns.Ip("-6 route show table all 2001:db8:49::/48").Trim();
        });

        var events = lines.Lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(events, e => Assert.Equal("inet6", e.GetProperty("route").GetProperty("family").GetString()));
        Assert.Equal(
            [("added", "2001:db8:41::/48", "static"), ("removed", "2001:db8:41::/48", "static"), ("added", "2001:db8:49::/48", "static")],
            events.Select(e => (e.GetProperty("event").GetString(), e.GetProperty("route").GetProperty("destination").GetString(), e.GetProperty("origin").GetProperty("kind").GetString())));
        Assert.All(events, e => Assert.Equal("main", e.GetProperty("table").GetString()));
        Assert.Equal($"{lines.State} table main", events[^1].GetProperty("line").GetString());
        Assert.True(DateTimeOffset.TryParse(events[0].GetProperty("time").GetString(), out _));
    }

    [SkippableFact]
    public async Task Route_and_rule_events_say_what_ip_monitor_says()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new RoutingLab();
        var ns = lab.Ns;
        using var monitor = new IpMonitor(ns);

        var lines = await WatchWhile(new RoutesOptions { Netns = ns.Name }, "198.18.49.0/24", () =>
        {
            monitor.WaitUntilListening();
            ns.Ip("route add 198.18.41.0/24 via 198.18.0.2 proto static");
            ns.Ip("route add 198.18.43.0/24 proto bird nexthop via 198.18.0.2 weight 2 nexthop via 198.18.1.2 weight 1");
            ns.Ip("rule add from 198.18.2.0/24 fwmark 0x21/0xff lookup 100 priority 401");
            ns.Ip("route replace 198.18.41.0/24 via 198.18.1.3 proto static");
            ns.Ip("route del 198.18.43.0/24");
            ns.Ip("rule del priority 401");
            ns.Ip("route add 198.18.49.0/24 dev lab0");
            return 0;
        });
        var expected = monitor.EventsUntil("198.18.49.0/24");

        var ours = lines.Lines
            .Select(l => l[13..])
            .Select(l => (Action: l[..8].TrimEnd(), Words: l[9..]))
            .Where(e => !e.Words.Contains(IpMonitor.Probe, StringComparison.Ordinal))
            .Select(e => (e.Action == "removed" ? "Deleted " : string.Empty) + WithoutTableMainAndOrigin(e.Words))
            .ToList();
        Assert.Equal(expected, ours);
        Assert.Equal(7, ours.Count);
    }

    /// <summary>Our words less what ip monitor leaves out: "table main" and the Origin in brackets.</summary>
    private static string WithoutTableMainAndOrigin(string words)
    {
        var origin = words.LastIndexOf("  [", StringComparison.Ordinal);
        var text = origin >= 0 ? words[..origin] : words;
        return text.EndsWith(" table main", StringComparison.Ordinal) ? text[..^" table main".Length] : text;
    }

    /// <summary>
    /// Starts the watch on a background task, runs <paramref name="act"/> once it listens, then collects lines until
    /// one mentions <paramref name="sentinel"/> (the last change made) and stops the watch.
    /// </summary>
    internal static async Task<(List<string> Lines, T State)> WatchWhile<T>(RoutesOptions options, string sentinel, Func<T> act)
    {
        var collector = new LineCollector();
        var output = new CliOutput(collector, new StringWriter(), outputRedirected: true);
        using var stop = new CancellationTokenSource();
        using var listening = new ManualResetEventSlim();
        var watch = Task.Run(() => RoutesWatchHandler.Run(options with { Watch = true }, output, stop.Token, maxEvents: null, listening: listening.Set));
        try
        {
            Assert.True(listening.Wait(Patience), "the watch did not start listening");
            var state = act();
            var lines = new List<string>();
            while (lines.Count == 0 || !lines[^1].Contains(sentinel, StringComparison.Ordinal))
            {
                Assert.True(collector.Lines.TryTake(out var line, Patience), $"no event mentioning {sentinel}; saw:\n{string.Join('\n', lines)}");
                lines.Add(line!);
            }

            stop.Cancel();
            Assert.Equal(0, await watch.WaitAsync(Patience));
            return (lines, state);
        }
        finally
        {
            stop.Cancel();
        }
    }

    /// <summary>A writer that hands each finished line to the test as it is written (the watch writes from another thread).</summary>
    private sealed class LineCollector : TextWriter
    {
        private readonly StringBuilder _partial = new();

        public BlockingCollection<string> Lines { get; } = [];

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                Lines.Add(_partial.ToString());
                _partial.Clear();
            }
            else if (value != '\r')
            {
                _partial.Append(value);
            }
        }
    }
}
