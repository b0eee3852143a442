using System.Globalization;
using System.Runtime.InteropServices;

namespace NetLens.Linux.Memory;

/// <summary>
/// Asks for transparent huge pages under the managed heap (madvise MADV_HUGEPAGE), for runs that keep hundreds of
/// megabytes: each 4 KiB page of fresh memory costs a page fault, which on a virtual machine is the single largest
/// cost of building a 200k-route snapshot; a 2 MiB page takes one fault for 512 of them. Only advice: where the
/// kernel has THP off (or the heap cannot be found), nothing changes.
/// </summary>
public static partial class HugePageAdvice
{
    private const int MADV_HUGEPAGE = 14;

    /// <summary>Advises the anonymous mapping run that holds the managed heap. Returns the bytes advised (0: none).</summary>
    public static long AdviseManagedHeap()
    {
        try
        {
            var probe = GC.AllocateArray<byte>(64, pinned: true);
            var address = (ulong)Marshal.UnsafeAddrOfPinnedArrayElement(probe, 0);
            var (start, end) = HeapRun(File.ReadAllLines("/proc/self/maps"), address);
            if (end <= start)
            {
                return 0;
            }

            // ENOMEM for holes is expected; the advice holds for every mapped part.
            _ = madvise((nint)start, (nuint)(end - start), MADV_HUGEPAGE);
            return (long)(end - start);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>The run of address-adjacent anonymous mappings (the heap's reservation and its committed parts) around <paramref name="address"/>.</summary>
    internal static (ulong Start, ulong End) HeapRun(string[] maps, ulong address)
    {
        var ranges = new List<(ulong Start, ulong End, bool Anonymous)>(maps.Length);
        foreach (var line in maps)
        {
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            var bounds = fields[0].Split('-');
            var anonymous = fields.Length < 6 || string.IsNullOrWhiteSpace(fields[5]);
            ranges.Add((ulong.Parse(bounds[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture), ulong.Parse(bounds[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture), anonymous));
        }

        var at = ranges.FindIndex(r => r.Start <= address && address < r.End);
        if (at < 0 || !ranges[at].Anonymous)
        {
            return (0, 0);
        }

        var first = at;
        while (first > 0 && ranges[first - 1].Anonymous && ranges[first - 1].End == ranges[first].Start)
        {
            first--;
        }

        var last = at;
        while (last + 1 < ranges.Count && ranges[last + 1].Anonymous && ranges[last + 1].Start == ranges[last].End)
        {
            last++;
        }

        return (ranges[first].Start, ranges[last].End);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int madvise(nint address, nuint length, int advice);
}
