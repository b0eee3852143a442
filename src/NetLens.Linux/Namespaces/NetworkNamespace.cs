using NetLens.Core;
using NetLens.Linux.Interop;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.Namespaces;

/// <summary>Runs code with the current thread inside another network namespace, then puts the thread back (setns(2), CLONE_NEWNET).</summary>
public static class NetworkNamespace
{
    /// <summary>Where `ip netns add` mounts named namespaces.</summary>
    public const string NamedDirectory = "/run/netns";

    private const string CurrentThreadNamespace = "/proc/thread-self/ns/net";

    /// <summary>"NAME" → /run/netns/NAME; anything with a slash (/proc/PID/ns/net) is a path already.</summary>
    public static string ResolvePath(string nameOrPath) =>
        nameOrPath.Contains('/', StringComparison.Ordinal) ? nameOrPath : Path.Combine(NamedDirectory, nameOrPath);

    /// <summary>
    /// Runs <paramref name="action"/> inside the namespace; whatever it creates (a socket) stays bound to that namespace.
    /// Each call opens the namespace anew: for code outside a command (tests, helpers). A command enters its namespace
    /// through its <see cref="NetworkContext"/>, which opens it once.
    /// </summary>
    public static T Run<T>(string nameOrPath, Func<T> action)
    {
        using var target = Open(nameOrPath);
        return Enter(target, nameOrPath, action);
    }

    /// <summary>Runs <paramref name="action"/> with this thread inside the namespace <paramref name="target"/> is open on, then puts the thread back.</summary>
    internal static T Enter<T>(SafeFdHandle target, string nameOrPath, Func<T> action)
    {
        using var original = Open(CurrentThreadNamespace, nameOrPath);
        if (LibC.setns(target, LibC.CLONE_NEWNET) != 0)
        {
            var errno = PosixError.Last();
            if (errno == LibC.EINVAL)
            {
                throw new UsageException($"\"{nameOrPath}\" is not a network namespace");
            }

            if (errno == LibC.EPERM)
            {
                throw new MissingPrivilegeException(
                    $"entering network namespace \"{nameOrPath}\" needs CAP_SYS_ADMIN",
                    "run it with sudo, as ip netns exec does");
            }

            throw new NetlinkException(errno, null, $"cannot enter network namespace \"{nameOrPath}\": {PosixError.Describe(errno)}");
        }

        try
        {
            return action();
        }
        finally
        {
            // a pooled thread left in the wrong namespace would silently answer later questions about the wrong host
            if (LibC.setns(original, LibC.CLONE_NEWNET) != 0)
            {
                Environment.FailFast($"cannot return to the original network namespace: {PosixError.Describe(PosixError.Last())}");
            }
        }
    }

    /// <summary>The namespace a name or path names, open (the fd keeps it alive even when its name is deleted).</summary>
    internal static SafeFdHandle Open(string nameOrPath) => Open(ResolvePath(nameOrPath), nameOrPath);

    /// <summary>Which file (device and inode) <paramref name="fd"/> or, without one, <paramref name="path"/> is; null when the path is gone.</summary>
    internal static unsafe (ulong Device, ulong Inode)? Identity(string path, SafeFdHandle? fd = null)
    {
        StatX buffer;
        var result = fd is null
            ? LibC.statx(LibC.AT_FDCWD, path, 0, LibC.STATX_BASIC_STATS, &buffer)
            : LibC.statx((int)fd.DangerousGetHandle(), string.Empty, LibC.AT_EMPTY_PATH, LibC.STATX_BASIC_STATS, &buffer);
        return result != 0 ? null : (((ulong)buffer.DevMajor << 32) | buffer.DevMinor, buffer.Inode);
    }

    private static SafeFdHandle Open(string path, string nameOrPath)
    {
        var fd = LibC.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC);
        if (fd >= 0)
        {
            return new SafeFdHandle(fd);
        }

        var errno = PosixError.Last();
        if (errno == LibC.ENOENT)
        {
            throw new UsageException($"network namespace \"{nameOrPath}\" not found");
        }

        throw new NetlinkException(errno, null, $"cannot open network namespace \"{nameOrPath}\": {PosixError.Describe(errno)}");
    }
}
