using NetLens.Core;
using NetLens.Linux.Interop;

namespace NetLens.Linux.Files;

/// <summary>errno of a file operation → the exception the CLI turns into one line and its exit code (1, 2 or 3).</summary>
internal static class FileErrors
{
    public enum Doing
    {
        Read,
        Write,
    }

    public static Exception Failure(int errno, string path, Doing doing)
    {
        var verb = doing == Doing.Read ? "read" : "write";
        var quoted = $"\"{path}\"";

        // root is refused only by immutable files or security modules: no sudo would help, so that stays a failure
        if (errno is LibC.EACCES or LibC.EPERM && LibC.geteuid() != 0)
        {
            return new MissingPrivilegeException($"cannot {verb} {quoted}: permission denied", "run it with sudo, or choose a path you can write");
        }

        return errno switch
        {
            LibC.ENOENT or LibC.ENOTDIR => new UsageException($"cannot {verb} {quoted}: its directory does not exist (create it, or choose another path)"),
            LibC.EISDIR => new UsageException($"{quoted} is a directory (give a file path)"),
            LibC.ENOSPC => new IOException($"cannot {verb} {quoted}: {PosixError.Describe(errno)} (free some space, or choose another file)"),
            _ => new IOException($"cannot {verb} {quoted}: {PosixError.Describe(errno)}"),
        };
    }
}
