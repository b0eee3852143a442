using System.Net;

namespace NetLens.Core.Scanning;

/// <summary>One address to scan, with the name the user gave for it when there was one.</summary>
public sealed record ScanHost(IPAddress Address, string? Name);
