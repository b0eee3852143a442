using NetLens.Core;
using NetLens.Core.Services;
using NetLens.Linux.Files;

namespace NetLens.Linux.Services;

/// <summary>Reads and rewrites the services file (/etc/services or --services-file) as bytes: what netlens did not add stays byte for byte.</summary>
public static class ServicesFile
{
    /// <summary>The system's table, which every command reads unless told otherwise.</summary>
    public const string SystemPath = "/etc/services";

    private const string Option = "--services-file";

    private static readonly Lazy<ServicesTable> SystemTable = new(() =>
    {
        try
        {
            return ServicesTable.Parse(File.ReadAllBytes(SystemPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // names are a courtesy where the file is missing or unreadable: ports stay numbers
            return ServicesTable.Empty;
        }
    });

    /// <summary>/etc/services, read once per process whoever asks first (scan's names, ss's names, a SPEC's service).</summary>
    public static ServicesTable System => SystemTable.Value;

    /// <summary>Port → name: the system's table, then netlens's own lists.</summary>
    public static ServiceNames SystemNames => SystemNamesOnce.Value;

    private static readonly Lazy<ServiceNames> SystemNamesOnce = new(() => new ServiceNames(System));

    /// <summary>The table, read now (a change reads it under its lock); an absent file is an empty one (nothing is named yet).</summary>
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
