using System.Net.Sockets;

namespace NetLens.Linux.Proc;

/// <summary>
/// Whether an interface forwards (net.ipv4.conf.DEV.forwarding, net.ipv6.conf.DEV.forwarding), read from /proc/sys:
/// the calling thread's namespace's values (call inside the command's network context).
/// </summary>
public static class ForwardingSysctl
{
    /// <summary>True when the interface's forwarding is 0; false when on, or when it cannot be read (no such interface).</summary>
    public static bool IsOff(AddressFamily family, string device) => Read(family, device) == false;

    /// <summary>The interface's forwarding: on, off, or null when it cannot be read (no such interface).</summary>
    public static bool? Read(AddressFamily family, string device)
    {
        if (device.Contains('/', StringComparison.Ordinal) || device is "." or ".." || device.Length == 0)
        {
            return null;
        }

        var path = $"/proc/sys/net/{(family == AddressFamily.InterNetworkV6 ? "ipv6" : "ipv4")}/conf/{device}/forwarding";
        try
        {
            return File.ReadAllText(path).Trim() != "0";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
