using NetLens.Core;
using NetLens.Core.Firewall.Transactions;

namespace NetLens.Linux.Firewall.Transactions;

/// <summary>
/// Where port changes keep their lock and journal: /run/netlens (tmpfs: a reboot rebuilds the ruleset and forgets
/// both), or $NETLENS_STATE_DIR, so tests and images use their own. One lock and one journal per network namespace.
/// </summary>
public sealed class StateDirectory(string path)
{
    public const string Variable = "NETLENS_STATE_DIR";
    public const string Default = "/run/netlens";

    public string Path { get; } = path;

    public static StateDirectory FromEnvironment() =>
        new(Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } custom ? custom : Default);

    public string LockFile(NamespaceId ns) => System.IO.Path.Combine(Path, $"port-{ns.Inode}.lock");

    public string JournalFile(NamespaceId ns) => System.IO.Path.Combine(Path, $"port-{ns.Inode}.journal");

    /// <summary>Creates the directory (root only: 0700), or says what is missing.</summary>
    public void Create()
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(Path);
            }
            else
            {
                Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        catch (UnauthorizedAccessException)
        {
            throw new MissingPrivilegeException($"cannot create {Path} for the change's lock and journal", "changing the firewall needs root or CAP_NET_ADMIN: run it with sudo");
        }
    }
}
