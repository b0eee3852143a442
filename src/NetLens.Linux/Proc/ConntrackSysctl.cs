using System.Globalization;

namespace NetLens.Linux.Proc;

/// <summary>
/// The connection-tracking table's fill (net.netfilter.nf_conntrack_count and nf_conntrack_max), read from /proc/sys in
/// the calling thread's namespace (call inside the network context). The count is the namespace's own; where the
/// kernel keeps one max for the host, other namespaces read it but cannot set it (their file is read-only).
/// </summary>
public static class ConntrackSysctl
{
    private const string Directory = "/proc/sys/net/netfilter";

    /// <summary>The count and the max; null when conntrack is not in this kernel (no such files).</summary>
    public static (long Count, long Max)? Read() =>
        Value("nf_conntrack_count") is { } count && Value("nf_conntrack_max") is { } max ? (count, max) : null;

    private static long? Value(string name)
    {
        try
        {
            return long.TryParse(File.ReadAllText(Path.Combine(Directory, name)).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
