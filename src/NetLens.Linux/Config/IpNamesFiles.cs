using NetLens.Core.Routing.Names;

namespace NetLens.Linux.Config;

/// <summary>Loads the iproute2 name files (rt_tables, rt_protos, …) the way `ip` finds them.</summary>
public static class IpNamesFiles
{
    public const string EtcDirectory = "/etc/iproute2";

    /// <summary>iproute2 ≥ 6.5 ships its stock files here and reads them when /etc has none.</summary>
    public const string UsrShareDirectory = "/usr/share/iproute2";

    public static IpNames Load() => Load(EtcDirectory, UsrShareDirectory);

    /// <summary>Built-in names now, each file read only when a name is missing (as ip does): no I/O for the common case.</summary>
    public static IpNames OnDemand() => IpNames.OnDemand(kind => Texts(kind, EtcDirectory, UsrShareDirectory));

    /// <summary>Merges each database's main file (from <paramref name="configDirectory"/>, else the fallback) and its ".d/*.conf" files.</summary>
    public static IpNames Load(string configDirectory, string? fallbackDirectory = null)
    {
        var names = IpNames.Default;
        foreach (var kind in Enum.GetValues<IpNameKind>())
        {
            foreach (var text in Texts(kind, configDirectory, fallbackDirectory))
            {
                names = names.WithFile(kind, text);
            }
        }

        return names;
    }

    /// <summary>The texts of one database's files in merge order: the main file, then the .d/*.conf files.</summary>
    public static IReadOnlyList<string> Texts(IpNameKind kind, string configDirectory, string? fallbackDirectory)
    {
        var texts = new List<string>();
        var fileName = IpNameKinds.FileName(kind);
        var text = ReadFirst(Path.Combine(configDirectory, fileName),
            fallbackDirectory is null ? null : Path.Combine(fallbackDirectory, fileName));
        if (text is not null)
        {
            texts.Add(text);
        }

        if (IpNameKinds.HasConfDirectory(kind))
        {
            foreach (var directory in new[] { fallbackDirectory, configDirectory })
            {
                if (directory is null)
                {
                    continue;
                }

                foreach (var conf in ConfFiles(Path.Combine(directory, fileName + ".d")))
                {
                    texts.Add(File.ReadAllText(conf));
                }
            }
        }

        return texts;
    }

    private static string? ReadFirst(string path, string? fallback)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path);
        }

        return fallback is not null && File.Exists(fallback) ? File.ReadAllText(fallback) : null;
    }

    private static string[] ConfFiles(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        // readdir order is arbitrary; sorting makes a later file's override deterministic.
        var files = Directory.GetFiles(directory, "*.conf");
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }
}
