using System.Runtime.InteropServices;

namespace NetLens.Linux.Interop;

/// <summary>errno and its strerror wording, as ip and the other classic tools print it.</summary>
internal static class PosixError
{
    public static int Last() => Marshal.GetLastPInvokeError();

    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
