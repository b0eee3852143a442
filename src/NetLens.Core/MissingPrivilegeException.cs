namespace NetLens.Core;

/// <summary>The operation needs a privilege this process lacks (exit 3); <see cref="Fix"/> is the exact remedy.</summary>
public sealed class MissingPrivilegeException(string message, string fix) : Exception(message)
{
    public string Fix { get; } = fix;
}
