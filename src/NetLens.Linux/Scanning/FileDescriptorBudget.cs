using System.Runtime.InteropServices;

namespace NetLens.Linux.Scanning;

/// <summary>How many sockets a scan may hold open at once: RLIMIT_NOFILE's soft limit less the descriptors already open and a reserve.</summary>
public static partial class FileDescriptorBudget
{
    /// <summary>Left for the runtime, output, netlink and /proc reads while a scan runs.</summary>
    public const int Reserve = 64;

    /// <summary>Past this, more sockets in flight only add kernel work, not speed.</summary>
    public const int Ceiling = 4096;

    private const int RLIMIT_NOFILE = 7;

    public static int ForScan()
    {
        var soft = SoftLimit();
        var open = OpenDescriptors();
        return Compute(soft, open);
    }

    /// <summary>At least one socket, however tight the limit: the scan then runs slowly instead of failing.</summary>
    internal static int Compute(ulong softLimit, int openDescriptors)
    {
        var free = (long)Math.Min(softLimit, int.MaxValue) - openDescriptors - Reserve;
        return (int)Math.Clamp(free, 1, Ceiling);
    }

    private static ulong SoftLimit()
    {
        Span<ulong> limit = stackalloc ulong[2];
        unsafe
        {
            fixed (ulong* p = limit)
            {
                // 1024 is the usual default when the limit cannot be read
                return getrlimit(RLIMIT_NOFILE, p) == 0 ? limit[0] : 1024;
            }
        }
    }

    private static int OpenDescriptors()
    {
        try
        {
            return Directory.GetFiles("/proc/self/fd").Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int getrlimit(int resource, ulong* limit);
}
