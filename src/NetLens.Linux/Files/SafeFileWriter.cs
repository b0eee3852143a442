using System.Security.Cryptography;
using NetLens.Core;
using NetLens.Linux.Interop;

namespace NetLens.Linux.Files;

/// <summary>
/// Writes every file netlens writes where a user's file may already be (routes --save, the services file, --persist):
/// what is there decides how, so nothing the user had is lost or changed beyond its content.
/// <list type="bullet">
/// <item>a symbolic link is followed to its final target, which is written; the link stays a link;</item>
/// <item>a device, FIFO or socket is written through (opened for writing: no temporary file, no rename);</item>
/// <item>a regular file is replaced: a temporary file beside it, fsync, the original's owner, group and mode, rename
/// over, fsync of the directory — a reader or a crash sees the old file or the new one, never half;</item>
/// <item>a regular file with more than one hard link is written in place, so every name keeps seeing the one file;</item>
/// <item>a new file gets the default mode (0666 less the umask), as the shell's redirection would give it.</item>
/// </list>
/// An empty path or a directory is a <see cref="UsageException"/>; EACCES/EPERM as non-root a
/// <see cref="MissingPrivilegeException"/>; any other failure (ENOSPC…) an <see cref="IOException"/> of one line.
/// </summary>
public static class SafeFileWriter
{
    private const uint DefaultMode = 0x1B6; // 0666: the umask takes its share, as for `>`
    private const uint PrivateMode = 0x180; // 0600 until the original's mode is copied over

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>; <paramref name="option"/> names where the path came from ("--save").</summary>
    public static void Write(string path, ReadOnlySpan<byte> content, string option)
    {
        var target = FinalTarget(path, option);
        var status = FileStatus.Of(target, followLinks: false);
        switch (status)
        {
            case null:
                Replace(path, target, content, original: null);
                break;
            case { Kind: FileKind.Directory }:
                throw new UsageException($"{option} \"{path}\" is a directory (give a file path)");
            case { Kind: FileKind.Special }:
                WriteThrough(path, target, content, truncate: false);
                break;

            // replacing one name of a hard-linked file would silently split it in two: the other names would keep the old
            // content. The user linked them on purpose, so every name sees the new content — at the price of atomicity.
            case { Links: > 1 }:
                WriteThrough(path, target, content, truncate: true);
                break;
            default:
                Replace(path, target, content, status);
                break;
        }
    }

    /// <summary>
    /// Creates <paramref name="path"/> only if nothing is there (O_EXCL), with the owner, group and mode of
    /// <paramref name="likeFile"/>; false when the name is taken. For backups: never written over, never more readable than the original.
    /// </summary>
    public static bool TryCreateNew(string path, ReadOnlySpan<byte> content, string likeFile)
    {
        var like = FileStatus.Of(likeFile, followLinks: true);
        var fd = LibC.open(path, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, like?.Mode & 0x1FF ?? DefaultMode);
        if (fd < 0)
        {
            var errno = PosixError.Last();
            return errno == LibC.EEXIST ? false : throw FileErrors.Failure(errno, path, FileErrors.Doing.Write);
        }

        try
        {
            WriteAll(fd, content, path);

            // another owner is root's to give; as that owner's own user the copy is ours, which is no wider than the original
            if (like is { } original && LibC.fchown(fd, original.Uid, original.Gid) == 0)
            {
                Check(LibC.fchmod(fd, original.Mode), path);
            }

            Check(LibC.fsync(fd), path);
        }
        catch
        {
            _ = LibC.close(fd);
            _ = LibC.unlink(path);
            throw;
        }

        Check(LibC.close(fd), path);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/");
        return true;
    }

    /// <summary>The path a write lands on: the final target of a chain of symbolic links (possibly not there yet), else the path itself.</summary>
    private static string FinalTarget(string path, string option)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new UsageException($"{option}: the file name is empty (give a file path)");
        }

        if (FileStatus.Of(path, followLinks: false) is not { Kind: FileKind.SymbolicLink })
        {
            return path;
        }

        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException e)
        {
            throw new IOException($"cannot write \"{path}\": {e.Message}", e);
        }
    }

    /// <summary>A temporary file in the target's directory, renamed over it: atomic for readers and for crashes.</summary>
    private static void Replace(string path, string target, ReadOnlySpan<byte> content, FileStatus? original)
    {
        var full = Path.GetFullPath(target);
        var directory = Path.GetDirectoryName(full) ?? "/";
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.netlens-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.tmp");
        var fd = LibC.open(temporary, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, original is null ? DefaultMode : PrivateMode);
        if (fd < 0)
        {
            var errno = PosixError.Last();

            // a file the user may write in a directory they may not: written in place, as `>` would
            if (original is not null && errno is LibC.EACCES or LibC.EPERM)
            {
                WriteThrough(path, target, content, truncate: true);
                return;
            }

            throw FileErrors.Failure(errno, path, FileErrors.Doing.Write);
        }

        try
        {
            WriteAll(fd, content, path);
            if (original is { } o)
            {
                if (LibC.fchown(fd, o.Uid, o.Gid) != 0)
                {
                    // not root and the file is another user's (a group-writable one): a copy would change hands, so write in place
                    _ = LibC.close(fd);
                    fd = -1;
                    _ = LibC.unlink(temporary);
                    WriteThrough(path, target, content, truncate: true);
                    return;
                }

                // after fchown, which clears set-user-ID and set-group-ID
                Check(LibC.fchmod(fd, o.Mode), path);
            }

            // on disk before the rename, so a crash leaves the old file or the new one, never half of one
            Check(LibC.fsync(fd), path);
            var closed = LibC.close(fd);
            fd = -1;
            Check(closed, path);
            Check(LibC.rename(temporary, full), path);
        }
        catch
        {
            if (fd >= 0)
            {
                _ = LibC.close(fd);
            }

            _ = LibC.unlink(temporary);
            throw;
        }

        SyncDirectory(directory);
    }

    /// <summary>Opens what is there for writing and writes: devices and FIFOs (no fsync, they have none), hard-linked files (truncated first, then fsync).</summary>
    private static void WriteThrough(string path, string target, ReadOnlySpan<byte> content, bool truncate)
    {
        // O_NOCTTY: a terminal given as the file must not become this process's controlling terminal
        var fd = LibC.open(target, LibC.O_WRONLY | LibC.O_NOCTTY | LibC.O_CLOEXEC | (truncate ? LibC.O_TRUNC : 0), 0);
        if (fd < 0)
        {
            throw FileErrors.Failure(PosixError.Last(), path, FileErrors.Doing.Write);
        }

        try
        {
            WriteAll(fd, content, path);
            if (truncate)
            {
                Check(LibC.fsync(fd), path);
            }
        }
        catch
        {
            _ = LibC.close(fd);
            throw;
        }

        Check(LibC.close(fd), path);
    }

    private static unsafe void WriteAll(int fd, ReadOnlySpan<byte> content, string path)
    {
        fixed (byte* start = content)
        {
            var done = 0;
            while (done < content.Length)
            {
                var written = LibC.write(fd, start + done, content.Length - done);
                if (written < 0)
                {
                    var errno = PosixError.Last();
                    if (errno == LibC.EINTR)
                    {
                        continue;
                    }

                    throw FileErrors.Failure(errno, path, FileErrors.Doing.Write);
                }

                done += (int)written;
            }
        }
    }

    /// <summary>The rename is on disk only once its directory is: fsync it too.</summary>
    private static void SyncDirectory(string directory)
    {
        var fd = LibC.open(directory, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        if (fd < 0)
        {
            return; // the file is written and renamed; a directory we cannot open (search-only) cannot be synced by us either
        }

        // EINVAL: a file system without directory fsync; the rename still happened
        var errno = LibC.fsync(fd) == 0 ? 0 : PosixError.Last();
        _ = LibC.close(fd);
        if (errno is not 0 and not LibC.EINVAL)
        {
            throw FileErrors.Failure(errno, directory, FileErrors.Doing.Write);
        }
    }

    private static void Check(int result, string path)
    {
        if (result != 0)
        {
            throw FileErrors.Failure(PosixError.Last(), path, FileErrors.Doing.Write);
        }
    }
}
