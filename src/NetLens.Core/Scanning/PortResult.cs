namespace NetLens.Core.Scanning;

/// <summary>One scanned port's answer; TCP unless said otherwise.</summary>
public readonly record struct PortResult(int Port, PortState State, PortReason Reason, PortProtocol Protocol = PortProtocol.Tcp);
