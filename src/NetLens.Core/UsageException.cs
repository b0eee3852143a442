namespace NetLens.Core;

/// <summary>The user asked for something that cannot be done as asked (bad address, unknown device…): exit 2.</summary>
public sealed class UsageException(string message) : Exception(message);
