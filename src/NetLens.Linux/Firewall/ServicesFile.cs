using NetLens.Core.Firewall.Services;

namespace NetLens.Linux.Firewall;

/// <summary>Reads and rewrites the services file (/etc/services or --services-file).</summary>
public static class ServicesFile
{
    /// <summary>The table; an absent file is an empty one (nothing is named yet).</summary>
    public static ServicesTable Read(string path) =>
        File.Exists(path) ? ServicesTable.Parse(File.ReadAllLines(path)) : ServicesTable.Empty;

    public static void Write(string path, IReadOnlyList<string> lines) =>
        AtomicFile.Write(path, lines.Count == 0 ? string.Empty : string.Join('\n', lines) + "\n");
}
