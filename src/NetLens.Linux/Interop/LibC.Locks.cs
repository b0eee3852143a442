using System.Runtime.InteropServices;

namespace NetLens.Linux.Interop;

/// <summary>The calls the firewall journal and lock need: flock(2) on a descriptor .NET has not locked itself, positioned reads and writes, fsync of a directory.</summary>
internal static unsafe partial class LibC
{
    public const int O_RDWR = 2;
    public const int LOCK_EX = 2;
    public const int LOCK_NB = 4;
    public const int EWOULDBLOCK = 11;

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int OpenCreate(string path, int flags, int mode);

    public const int W_OK = 2;
    public const int X_OK = 1;

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int access(string path, int mode);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int flock(SafeFdHandle fd, int operation);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int fsync(SafeFdHandle fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int ftruncate(SafeFdHandle fd, long length);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint pwrite(SafeFdHandle fd, byte* buffer, nint count, long offset);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint pread(SafeFdHandle fd, byte* buffer, nint count, long offset);
}
