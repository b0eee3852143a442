namespace NetLens.Core.Scanning;

/// <summary>One scanned port's answer.</summary>
public readonly record struct PortResult(int Port, PortState State, PortReason Reason);
