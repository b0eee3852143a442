using NetLens.Linux.Interop;

namespace NetLens.Linux.Files;

/// <summary>What kind of thing a path names, as st_mode says (S_IFMT).</summary>
internal enum FileKind
{
    Regular,
    Directory,
    SymbolicLink,

    /// <summary>A character or block device, a FIFO or a socket: written through, never replaced.</summary>
    Special,
}

/// <summary>The facts the writer decides by: kind, permission bits, owner, group and hard link count.</summary>
internal readonly record struct FileStatus(FileKind Kind, uint Mode, uint Uid, uint Gid, uint Links)
{
    private const uint TypeMask = 0xF000;
    private const uint Regular = 0x8000;
    private const uint Directory = 0x4000;
    private const uint SymbolicLink = 0xA000;

    /// <summary>The status of <paramref name="path"/> (the link itself when <paramref name="followLinks"/> is false); null when nothing is there.</summary>
    public static unsafe FileStatus? Of(string path, bool followLinks)
    {
        StatX buffer = default;
        if (LibC.statx(LibC.AT_FDCWD, path, followLinks ? 0 : LibC.AT_SYMLINK_NOFOLLOW, LibC.STATX_BASIC_STATS, &buffer) != 0)
        {
            var errno = PosixError.Last();
            return errno == LibC.ENOENT ? null : throw FileErrors.Failure(errno, path, FileErrors.Doing.Read);
        }

        var kind = (buffer.Mode & TypeMask) switch
        {
            Regular => FileKind.Regular,
            Directory => FileKind.Directory,
            SymbolicLink => FileKind.SymbolicLink,
            _ => FileKind.Special,
        };
        return new FileStatus(kind, buffer.Mode & 0xFFFu, buffer.Uid, buffer.Gid, buffer.Nlink);
    }
}
