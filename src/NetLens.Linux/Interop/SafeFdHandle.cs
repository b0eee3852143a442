using System.Runtime.InteropServices;

namespace NetLens.Linux.Interop;

/// <summary>A file descriptor closed exactly once, even when the owner forgets to dispose.</summary>
internal sealed class SafeFdHandle : SafeHandle
{
    public SafeFdHandle()
        : base(-1, ownsHandle: true)
    {
    }

    public SafeFdHandle(int fd)
        : base(-1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle < 0;

    protected override bool ReleaseHandle() => LibC.close((int)handle) == 0;
}
