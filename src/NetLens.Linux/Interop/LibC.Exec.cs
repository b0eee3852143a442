using System.Runtime.InteropServices;

namespace NetLens.Linux.Interop;

/// <summary>execv(2): `serve --otlp-endpoint` hands its process over to the netlens-otlp binary.</summary>
internal static unsafe partial class LibC
{
    [LibraryImport(Library, EntryPoint = "execv", SetLastError = true)]
    public static partial int execv(byte* path, byte** argv);
}
