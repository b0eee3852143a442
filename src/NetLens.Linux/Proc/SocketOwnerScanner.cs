using System.Runtime.InteropServices;

namespace NetLens.Linux.Proc;

/// <summary>
/// Finds which processes hold which sockets: one pass over /proc/*/fd, readlink on each descriptor,
/// "socket:[INODE]" kept when the inode is wanted. Processes the caller may not inspect are skipped, as ss does.
/// </summary>
public static unsafe partial class SocketOwnerScanner
{
    /// <summary>Owners of the wanted inodes (all sockets when <paramref name="wanted"/> is null), each list in pid then fd order.</summary>
    public static Dictionary<uint, List<SocketOwner>> Scan(IReadOnlySet<uint>? wanted, string procRoot = ProcPaths.Root)
    {
        var owners = new Dictionary<uint, List<SocketOwner>>();
        foreach (var pid in Pids(procRoot))
        {
            string? name = null;
            foreach (var (fd, inode) in SocketDescriptors(procRoot, pid))
            {
                if (wanted is not null && !wanted.Contains(inode))
                {
                    continue;
                }

                name ??= ProcessName(procRoot, pid);
                if (!owners.TryGetValue(inode, out var list))
                {
                    list = [];
                    owners[inode] = list;
                }

                list.Add(new SocketOwner(name, pid, fd));
            }
        }

        return owners;
    }

    /// <summary>The comm field of /proc/PID/stat: between the first '(' and the last ')'.</summary>
    public static string ParseStatName(string stat)
    {
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        return open >= 0 && close > open ? stat[(open + 1)..close] : "";
    }

    /// <summary>The inode of a "socket:[12345]" link target, or 0 for anything else.</summary>
    public static uint ParseSocketLink(ReadOnlySpan<byte> target)
    {
        ReadOnlySpan<byte> prefix = "socket:["u8;
        if (!target.StartsWith(prefix) || target.Length < prefix.Length + 2 || target[^1] != (byte)']')
        {
            return 0;
        }

        uint inode = 0;
        foreach (var b in target[prefix.Length..^1])
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return 0;
            }

            inode = (inode * 10) + (uint)(b - '0');
        }

        return inode;
    }

    private static List<int> Pids(string procRoot) => NumericEntries(procRoot);

    private static List<(int Fd, uint Inode)> SocketDescriptors(string procRoot, int pid)
    {
        var found = new List<(int, uint)>();
        var directory = $"{procRoot}/{pid}/fd";
        Span<byte> path = stackalloc byte[128];
        Span<byte> target = stackalloc byte[64];
        var prefixLength = System.Text.Encoding.ASCII.GetBytes($"{directory}/", path);
        foreach (var fd in NumericEntries(directory))
        {
            if (!fd.TryFormat(path[prefixLength..], out var written))
            {
                continue;
            }

            path[prefixLength + written] = 0;
            nint length;
            fixed (byte* p = path)
            fixed (byte* t = target)
            {
                length = ReadLink(p, t, target.Length);
            }

            if (length > 0 && ParseSocketLink(target[..(int)length]) is var inode and not 0)
            {
                found.Add((fd, inode));
            }
        }

        return found;
    }

    /// <summary>
    /// The numeric names in a directory, read with readdir(3): .NET's enumeration stats every symlink it meets
    /// (two extra syscalls per descriptor). A directory that vanished or is not ours reads as empty.
    /// </summary>
    private static List<int> NumericEntries(string directory)
    {
        var numbers = new List<int>();
        var handle = OpenDir(directory);
        if (handle == 0)
        {
            return numbers;
        }

        try
        {
            byte* entry;
            while ((entry = ReadDir(handle)) != null)
            {
                // struct dirent (glibc, 64-bit): d_ino 8, d_off 8, d_reclen 2, d_type 1, then d_name
                var name = new ReadOnlySpan<byte>(entry + DirentNameOffset, 256);
                name = name[..name.IndexOf((byte)0)];
                if (TryParseNumber(name, out var number))
                {
                    numbers.Add(number);
                }
            }
        }
        finally
        {
            _ = CloseDir(handle);
        }

        return numbers;
    }

    private static string ProcessName(string procRoot, int pid)
    {
        try
        {
            return ParseStatName(File.ReadAllText($"{procRoot}/{pid}/stat"));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            return "";
        }
    }

    private static bool TryParseNumber(ReadOnlySpan<byte> name, out int number)
    {
        number = 0;
        if (name.IsEmpty || name.Length > 9)
        {
            return false;
        }

        foreach (var b in name)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            number = (number * 10) + (b - '0');
        }

        return true;
    }

    private const int DirentNameOffset = 19;

    [LibraryImport("libc", EntryPoint = "readlink", SetLastError = true)]
    private static partial nint ReadLink(byte* path, byte* buffer, nint size);

    [LibraryImport("libc", EntryPoint = "opendir", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint OpenDir(string path);

    [LibraryImport("libc", EntryPoint = "readdir")]
    private static partial byte* ReadDir(nint directory);

    [LibraryImport("libc", EntryPoint = "closedir")]
    private static partial int CloseDir(nint directory);
}
