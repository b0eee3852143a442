using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using NetLens.Core.Doctor;
using NetLens.Core.KernelDrops;
using NetLens.Linux.Interop;

namespace NetLens.Linux.Tracing;

/// <summary>
/// The kernel's own drop reasons while probes run: the skb:kfree_skb tracepoint, enabled in a private trace instance
/// (so the system's own tracing is left as it was), filtered to one family and to drops with a reason, read and
/// removed at the end. The tracepoint sees every namespace on the host: a lab's far side is counted too.
/// </summary>
public sealed class KernelDropTrace : IDisposable
{
    private const string Event = "events/skb/kfree_skb";
    private static readonly string[] Roots = ["/sys/kernel/tracing", "/sys/kernel/debug/tracing"];

    private readonly string _instance;
    private bool _removed;

    private KernelDropTrace(string instance) => _instance = instance;

    /// <summary>Starts tracing drops of <paramref name="family"/> packets; null and <paramref name="why"/> when this host cannot.</summary>
    public static KernelDropTrace? TryStart(AddressFamily family, out string? why)
    {
        var root = FindTracefs();
        if (root is null)
        {
            why = "tracefs is not mounted and cannot be mounted here";
            return null;
        }

        string format;
        try
        {
            format = File.ReadAllText(Path.Combine(root, Event, "format"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            why = $"the skb:kfree_skb tracepoint cannot be read ({e.Message})";
            return null;
        }

        var reasons = DropReasonFormat.Parse(format);
        var instance = Path.Combine(root, "instances", string.Create(CultureInfo.InvariantCulture, $"netlens-{Environment.ProcessId}-{Random.Shared.Next():x}"));
        try
        {
            Directory.CreateDirectory(instance);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            why = $"no private trace instance ({e.Message})";
            return null;
        }

        var trace = new KernelDropTrace(instance);
        try
        {
            File.WriteAllText(Path.Combine(instance, Event, "filter"), Filter(reasons, family));
            File.WriteAllText(Path.Combine(instance, Event, "enable"), "1");
            why = null;
            return trace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            trace.Dispose();
            why = $"the tracepoint cannot be enabled ({e.Message})";
            return null;
        }
    }

    /// <summary>Stops tracing and counts what was dropped, by reason and function.</summary>
    public IReadOnlyList<KernelDrop> Stop()
    {
        File.WriteAllText(Path.Combine(_instance, Event, "enable"), "0");
        return KfreeSkbLine.Tally(File.ReadLines(Path.Combine(_instance, "trace")));
    }

    public void Dispose()
    {
        if (_removed)
        {
            return;
        }

        _removed = true;
        try
        {
            File.WriteAllText(Path.Combine(_instance, Event, "enable"), "0");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // already off, or the instance never got that far: the rmdir below removes it either way
        }

        try
        {
            Directory.Delete(_instance);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a reader still holds it open; tracefs refuses the rmdir and the instance stays: nothing else can be done
        }
    }

    /// <summary>
    /// Reasons that are no packet lost on its way: NOT_SPECIFIED says nothing, and a closing socket's queues are purged
    /// (SOCKET_CLOSE, QUEUE_PURGE) whenever a connection ends, a probe's too.
    /// </summary>
    private static readonly string[] Unremarkable = ["NOT_SPECIFIED", "SOCKET_CLOSE", "QUEUE_PURGE"];

    /// <summary>Drops with a remarkable reason, of the probes' ethertype (the tracepoint stores it in host order).</summary>
    private static string Filter(IReadOnlyDictionary<string, int> reasons, AddressFamily family)
    {
        var ethertype = family == AddressFamily.InterNetworkV6 ? 0x86DD : 0x0800;
        var filter = string.Create(CultureInfo.InvariantCulture, $"protocol == {ethertype}");
        foreach (var quiet in Unremarkable)
        {
            if (reasons.TryGetValue(quiet, out var value))
            {
                filter += string.Create(CultureInfo.InvariantCulture, $" && reason != {value}");
            }
        }

        return filter;
    }

    private static string? FindTracefs()
    {
        foreach (var root in Roots)
        {
            if (Directory.Exists(Path.Combine(root, Event)))
            {
                return root;
            }
        }

        // A minimal system (a container, CI) has the directory but nothing mounted on it.
        const string Tracing = "/sys/kernel/tracing";
        if (Directory.Exists(Tracing) && LibC.mount("nodev", Tracing, "tracefs", 0, 0) == 0 && Directory.Exists(Path.Combine(Tracing, Event)))
        {
            return Tracing;
        }

        _ = Marshal.GetLastPInvokeError();
        return null;
    }
}
