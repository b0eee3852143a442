using NetLens.Core.Routing;
using NetLens.Linux.Routing;

namespace NetLens.Lab.Tests.Routing;

/// <summary>A listener that falls behind is told so (ENOBUFS) once, and goes on listening.</summary>
public sealed class WatchOverrunLabTests
{
    [SkippableFact]
    public void A_flood_that_overflows_the_socket_is_reported_as_an_overrun_and_listening_continues()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var ns = LabNamespace.Create("overrun");
        ns.Ip("link add lab0 type veth peer name lab0p");
        ns.Ip("link set lab0 up");
        ns.Ip("addr add 198.18.0.1/24 dev lab0");
        using var monitor = RouteMonitor.OpenInNamespace(ns.Name);

        // 20k notifications of ~1 KiB each while nobody reads: far beyond the socket's receive buffer
        var flood = ns.IpBatch(Enumerable.Range(0, 20_000).Select(i => $"route add 198.19.{i / 256}.{i % 256}/32 via 198.18.0.2"));
        Assert.Equal(0, flood.ExitCode);

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var overruns = 0;
        var sawSentinel = false;
        var seen = new List<string>();
        var tries = 0;
        Task? sentinel = null;
        try
        {
            foreach (var change in monitor.Events(patience.Token))
            {
                if (change.Action == RouteMonitorAction.Overrun && overruns++ == 0)
                {
                    // a change made while the buffer is still full is dropped too: add and delete until one comes through
                    // (replacing a route by an identical one notifies nobody)
                    sentinel = Task.Run(() =>
                    {
                        while (!patience.IsCancellationRequested && !Volatile.Read(ref sawSentinel))
                        {
                            ns.Ip(Interlocked.Increment(ref tries) % 2 == 1 ? "route add 198.18.99.0/24 via 198.18.0.2" : "route del 198.18.99.0/24");
                            patience.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(200));
                        }
                    });
                }

                seen.Add($"{change.Action} {change.Route?.Destination}");
                if (change.Route?.Destination.ToString() == "198.18.99.0/24")
                {
                    Volatile.Write(ref sawSentinel, true);
                    break;
                }
            }
        }
        finally
        {
            patience.Cancel();
            sentinel?.Wait();
        }

        Assert.True(overruns >= 1, "no overrun reported");
        Assert.True(sawSentinel, $"the change after the overrun was not seen; {seen.Count} events, last {string.Join(", ", seen.TakeLast(3))}; {sentinel?.Exception?.Message}");
    }
}
