using NetLens.Linux.Interop;

namespace NetLens.Linux.Netlink;

/// <summary>The kernel refused a netlink request (NLMSG_ERROR), or the netlink socket itself failed.</summary>
public sealed class NetlinkException : Exception
{
    public NetlinkException(int errno, string? kernelMessage = null)
        : base(PosixError.Describe(errno))
    {
        Errno = errno;
        KernelMessage = string.IsNullOrEmpty(kernelMessage) ? null : kernelMessage;
    }

    public NetlinkException(int errno, string? kernelMessage, string message)
        : base(message)
    {
        Errno = errno;
        KernelMessage = kernelMessage;
    }

    /// <summary>The positive errno (ENETUNREACH, EPERM…).</summary>
    public int Errno { get; }

    /// <summary>The kernel's extended ack text (NLMSGERR_ATTR_MSG), when it sent one.</summary>
    public string? KernelMessage { get; }
}
