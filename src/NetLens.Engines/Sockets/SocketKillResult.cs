using NetLens.Core.Sockets;

namespace NetLens.Engines.Sockets;

/// <summary>What `sockets -K` closed.</summary>
/// <param name="Killed">The sockets the kernel closed, in the order the dump listed them.</param>
/// <param name="NotSupported">The kernel answered EOPNOTSUPP (no CONFIG_INET_DIAG_DESTROY): the run stopped there.</param>
/// <param name="Interrupted">A dump ended with NLM_F_DUMP_INTR.</param>
public sealed record SocketKillResult(IReadOnlyList<SocketEntry> Killed, bool NotSupported, bool Interrupted);
