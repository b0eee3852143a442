using System.Runtime.InteropServices;

namespace NetLens.Linux.Interop;

/// <summary>mount(2): tracefs is mounted by hand where a minimal system has not mounted it.</summary>
internal static partial class LibC
{
    [LibraryImport(Library, EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mount(string source, string target, string fileSystemType, nuint flags, nint data);
}
