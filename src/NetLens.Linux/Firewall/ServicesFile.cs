using NetLens.Core;
using NetLens.Core.Firewall.Services;
using NetLens.Linux.Files;

namespace NetLens.Linux.Firewall;

/// <summary>Reads and rewrites the services file (/etc/services or --services-file) as bytes: what netlens did not add stays byte for byte.</summary>
public static class ServicesFile
{
    private const string Option = "--services-file";

    /// <summary>The table; an absent file is an empty one (nothing is named yet).</summary>
    public static ServicesTable Read(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new UsageException($"{Option}: the file name is empty (give a file path)");
        }

        if (Directory.Exists(path))
        {
            throw new UsageException($"{Option} \"{path}\" is a directory (give the services file)");
        }

        try
        {
            return File.Exists(path) ? ServicesTable.Parse(File.ReadAllBytes(path)) : ServicesTable.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            throw new MissingPrivilegeException($"{Option} \"{path}\" cannot be read: permission denied", "run it with sudo");
        }
    }

    /// <summary>The edited bytes (<see cref="ServicesTable.Edit"/>), through the safe writer: a symlinked file stays a link, owner and mode stay.</summary>
    public static void Write(string path, ReadOnlySpan<byte> content) => SafeFileWriter.Write(path, content, Option);
}
