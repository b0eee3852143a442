namespace NetLens.Linux.Namespaces;

/// <summary>
/// The network namespace one command works in, chosen once (--netns) and handed to every engine and adapter, so none
/// of them branches on whether a namespace was given: <see cref="Run{T}"/> runs the code where the command looks.
/// </summary>
public sealed class NetworkContext
{
    private NetworkContext(string? netns) => Netns = netns;

    /// <summary>The namespace this process already lives in.</summary>
    public static NetworkContext Current { get; } = new(null);

    /// <summary>The name or path the user gave (--netns), or null for the current namespace.</summary>
    public string? Netns { get; }

    public bool IsCurrent => Netns is null;

    /// <summary>null or empty is the current namespace; a name is /run/netns/NAME; a path (/proc/PID/ns/net) is used as is.</summary>
    public static NetworkContext For(string? netns) => string.IsNullOrEmpty(netns) ? Current : new NetworkContext(netns);

    /// <summary>
    /// Runs <paramref name="action"/> on the calling thread inside the namespace and puts the thread back; sockets and
    /// child processes created inside stay bound to the namespace (setns(2) is per thread, fork inherits it).
    /// </summary>
    public T Run<T>(Func<T> action) => Netns is { } ns ? NetworkNamespace.Run(ns, action) : action();

    public void Run(Action action) => Run<bool>(() =>
    {
        action();
        return true;
    });

    public override string ToString() => Netns ?? "(current namespace)";
}
