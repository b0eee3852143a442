using NetLens.Linux.Interop;

namespace NetLens.Linux.Firewall.Transactions;

/// <summary>
/// What can be checked before the firewall is touched: that the files a change will write can be written (access(2)
/// sees a read-only mount even for root, which mode bits do not stop). What passes here can still fail later; the
/// journal covers that.
/// </summary>
public static class WritablePlaces
{
    /// <summary>Throws, naming the file and why, when <paramref name="path"/> could not be replaced by a sibling renamed over it.</summary>
    public static void CheckFile(string path, string what)
    {
        var target = File.Exists(path) ? new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path : path;
        if (Directory.Exists(target))
        {
            throw new IOException($"{what} {path} is a directory, not a file (give the file's path)");
        }

        if (File.Exists(target) && LibC.access(target, LibC.W_OK) != 0)
        {
            throw Refused(path, what, PosixError.Last());
        }

        // the new content goes to a sibling first: the directory (or the first one that exists) must take it
        var directory = Path.GetDirectoryName(Path.GetFullPath(target));
        while (directory is not null && !Directory.Exists(directory))
        {
            directory = Path.GetDirectoryName(directory);
        }

        if (directory is not null && LibC.access(directory, LibC.W_OK | LibC.X_OK) != 0)
        {
            throw Refused(directory, what, PosixError.Last());
        }
    }

    private static IOException Refused(string path, string what, int errno) =>
        new($"cannot write {path} ({what}): {PosixError.Describe(errno)}; nothing was changed");
}
