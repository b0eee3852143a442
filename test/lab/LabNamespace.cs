using System.Diagnostics;

namespace NetLens.Lab;

/// <summary>
/// A network namespace the tests own. Its name carries this process's pid so concurrent runs never clash
/// and namespaces left behind by a killed run are swept by the next one.
/// </summary>
public sealed class LabNamespace : IDisposable
{
    private const string Prefix = "nlab";
    private bool _disposed;

    private LabNamespace(string name) => Name = name;

    public string Name { get; }

    /// <summary>The path other code can setns() into.</summary>
    public string Path => $"/run/netns/{Name}";

    /// <summary>Creates a namespace with loopback up. <paramref name="role"/> is a short word (a–z) for debugging.</summary>
    public static LabNamespace Create(string role)
    {
        SweepOrphans();
        var name = $"{Prefix}{Environment.ProcessId}-{role}-{Random.Shared.Next(0x10000):x4}";
        Shell.Check("ip", ["netns", "add", name]);
        var lab = new LabNamespace(name);
        try
        {
            lab.Ip("link set lo up");
        }
        catch
        {
            lab.Dispose();
            throw;
        }

        return lab;
    }

    /// <summary>Runs `ip -n NAME …`; throws with ip's message when it fails.</summary>
    public string Ip(string arguments) => Shell.Check("ip", ["-n", Name, .. Split(arguments)]);

    /// <summary>Runs `ip -n NAME …` and returns whatever happened, failures included.</summary>
    public CommandResult TryIp(string arguments) => Shell.Run("ip", ["-n", Name, .. Split(arguments)]);

    /// <summary>Feeds many commands to one `ip -batch` (much faster than one process each).</summary>
    public CommandResult IpBatch(IEnumerable<string> lines, bool force = true)
    {
        string[] args = force ? ["-n", Name, "-force", "-batch", "-"] : ["-n", Name, "-batch", "-"];
        return Shell.Run("ip", args, string.Join('\n', lines) + "\n");
    }

    /// <summary>Runs any program inside the namespace (`ip netns exec`).</summary>
    public CommandResult Exec(string file, params string[] arguments) =>
        Shell.Run("ip", ["netns", "exec", Name, file, .. arguments]);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // netlens run in this process holds the namespaces it entered open (one context per name); let go first, or
        // the namespace and its links would live on after their name is deleted
        NetLens.Linux.Namespaces.NetworkContext.Release(Name);
        NetLens.Linux.Namespaces.NetworkContext.Release(Path);
        Shell.Run("ip", ["netns", "del", Name]);
    }

    private static string[] Split(string arguments) =>
        arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Deletes lab namespaces whose owning process is gone (a run that was killed mid-test).</summary>
    private static void SweepOrphans()
    {
        if (!Directory.Exists("/run/netns"))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles("/run/netns", Prefix + "*"))
        {
            var name = System.IO.Path.GetFileName(path);
            var pidText = name[Prefix.Length..].Split('-')[0];
            if (int.TryParse(pidText, out var pid) && pid != Environment.ProcessId && !IsAlive(pid))
            {
                Shell.Run("ip", ["netns", "del", name]);
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
