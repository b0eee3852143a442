using System.IO.Enumeration;
using System.Runtime.InteropServices;

namespace NetLens.Linux.Proc;

/// <summary>
/// Finds which processes hold which sockets: one pass over /proc/*/fd, readlink on each descriptor,
/// "socket:[INODE]" kept when the inode is wanted. Processes the caller may not inspect are skipped, as ss does.
/// </summary>
public static unsafe partial class SocketOwnerScanner
{
    private static readonly EnumerationOptions Options = new()
    {
        IgnoreInaccessible = true,
        RecurseSubdirectories = false,
        AttributesToSkip = 0,
    };

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

    private static List<int> Pids(string procRoot)
    {
        var enumerable = new FileSystemEnumerable<int>(
            procRoot,
            (ref FileSystemEntry entry) => int.Parse(entry.FileName),
            Options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => entry.IsDirectory && IsNumber(entry.FileName),
        };
        return [.. enumerable];
    }

    private static List<(int Fd, uint Inode)> SocketDescriptors(string procRoot, int pid)
    {
        var found = new List<(int, uint)>();
        var directory = $"{procRoot}/{pid}/fd";
        try
        {
            var fds = new FileSystemEnumerable<int>(directory, (ref FileSystemEntry entry) => int.Parse(entry.FileName), Options)
            {
                ShouldIncludePredicate = (ref FileSystemEntry entry) => IsNumber(entry.FileName),
            };
            Span<byte> path = stackalloc byte[64];
            Span<byte> target = stackalloc byte[64];
            var prefixLength = System.Text.Encoding.ASCII.GetBytes($"{directory}/", path);
            foreach (var fd in fds)
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
        }
        catch (Exception e) when (e is DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            // the process exited, or is not ours to inspect
        }

        return found;
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

    private static bool IsNumber(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    [LibraryImport("libc", EntryPoint = "readlink", SetLastError = true)]
    private static partial nint ReadLink(byte* path, byte* buffer, nint size);
}
