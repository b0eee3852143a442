using System.Runtime.InteropServices;

namespace NetLens.Linux.Processes;

/// <summary>Who this process runs as: the kernel fills RTA_UID from it, and uidrange rules match on it.</summary>
public static partial class CurrentUser
{
    public static uint Uid => GetUid();

    public static uint EffectiveUid => GetEffectiveUid();

    [LibraryImport("libc", EntryPoint = "getuid")]
    private static partial uint GetUid();

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUid();
}
