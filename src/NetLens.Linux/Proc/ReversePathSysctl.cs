using System.Globalization;

namespace NetLens.Linux.Proc;

/// <summary>
/// The reverse-path filter a device applies (net.ipv4.conf.{all,DEV}.rp_filter): the kernel uses the larger of the
/// two. Read in the calling thread's namespace (call inside the network context).
/// </summary>
public static class ReversePathSysctl
{
    /// <summary>0 off, 1 strict, 2 loose; null when it cannot be read (no such device).</summary>
    public static int? Mode(string device)
    {
        if (device.Contains('/', StringComparison.Ordinal) || device is "." or ".." || device.Length == 0)
        {
            return null;
        }

        var all = Read("all");
        var own = Read(device);
        return own is null ? null : Math.Max(all ?? 0, own.Value);
    }

    private static int? Read(string device)
    {
        try
        {
            return int.TryParse(File.ReadAllText($"/proc/sys/net/ipv4/conf/{device}/rp_filter").Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var mode) ? mode : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
