namespace NetLens.Cli.Hosting;

/// <summary>The exit codes every command follows (product.md, "Conventions").</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The operation failed, or a yes/no question was answered "no".</summary>
    public const int Failure = 1;

    public const int BadUsage = 2;

    public const int MissingPrivilege = 3;
}
