using System.Net;

namespace NetLens.Core;

/// <summary>An address the user named, and the name it came from (null for a literal address).</summary>
public sealed record ResolvedTarget(IPAddress Address, string? Name);
