using System.Collections.Concurrent;
using NetLens.Linux.Interop;

namespace NetLens.Linux.Namespaces;

/// <summary>
/// The network namespace one command works in, chosen once (--netns) and handed to every engine and adapter, so none
/// of them branches on whether a namespace was given: <see cref="Run{T}"/> runs the code where the command looks.
/// The namespace is opened once, on first use, and that open file is what every thread enters afterwards: a namespace
/// deleted (`ip netns del`) or its process gone mid-command stays the one the command looks at, to its end.
/// </summary>
public sealed class NetworkContext
{
    // one context per name in a process: every engine and adapter of a command, on any thread, enters the same namespace
    private static readonly ConcurrentDictionary<string, NetworkContext> Named = new(StringComparer.Ordinal);

    private readonly Lock _gate = new();
    private SafeFdHandle? _namespace;

    private NetworkContext(string? netns) => Netns = netns;

    /// <summary>The namespace this process already lives in.</summary>
    public static NetworkContext Current { get; } = new(null);

    /// <summary>The name or path the user gave (--netns), or null for the current namespace.</summary>
    public string? Netns { get; }

    public bool IsCurrent => Netns is null;

    /// <summary>null or empty is the current namespace; a name is /run/netns/NAME; a path (/proc/PID/ns/net) is used as is.</summary>
    public static NetworkContext For(string? netns) =>
        string.IsNullOrEmpty(netns) ? Current : Named.GetOrAdd(netns, static name => new NetworkContext(name));

    /// <summary>
    /// Lets go of the namespace <paramref name="netns"/> names, if it was entered: for a process that outlives its
    /// commands (a test run, a server) before it deletes the namespace. The next use opens the name again.
    /// </summary>
    public static void Release(string netns)
    {
        if (Named.TryRemove(netns, out var context))
        {
            lock (context._gate)
            {
                context._namespace?.Dispose();
                context._namespace = null;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> on the calling thread inside the namespace and puts the thread back; sockets and
    /// child processes created inside stay bound to the namespace (setns(2) is per thread, fork inherits it).
    /// </summary>
    public T Run<T>(Func<T> action) => Netns is { } ns ? NetworkNamespace.Enter(Namespace(ns), ns, action) : action();

    public void Run(Action action) => Run<bool>(() =>
    {
        action();
        return true;
    });

    public override string ToString() => Netns ?? "(current namespace)";

    /// <summary>
    /// The open namespace: opened on first use (a missing one is the user's error then). Kept while its name is gone;
    /// opened again only when the name now stands for another namespace (a process that outlives one command, such as a
    /// test run, may see a name deleted and made anew).
    /// </summary>
    private SafeFdHandle Namespace(string ns)
    {
        lock (_gate)
        {
            if (_namespace is { } open)
            {
                // ip netns del unmounts, then unlinks: in between the name is a plain file, not a namespace. Only
                // another namespace (nsfs, the open one's device) under the name counts as the name made anew.
                var now = NetworkNamespace.Identity(NetworkNamespace.ResolvePath(ns));
                var held = NetworkNamespace.Identity(string.Empty, open);
                if (now is not { } named || held is not { } current || named.Device != current.Device || named.Inode == current.Inode)
                {
                    return open;
                }

                open.Dispose();
            }

            _namespace = NetworkNamespace.Open(ns);
            return _namespace;
        }
    }
}
