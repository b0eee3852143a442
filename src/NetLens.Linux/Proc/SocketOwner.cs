namespace NetLens.Linux.Proc;

/// <summary>A process holding a socket open: ss -p's ("name",pid=N,fd=N).</summary>
public readonly record struct SocketOwner(string Name, int Pid, int Fd);
