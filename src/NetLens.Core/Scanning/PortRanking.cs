using System.Globalization;

namespace NetLens.Core.Scanning;

/// <summary>netlens's own ranking of TCP ports (data/ports/README.md says how it was made), most common first, with built-in names.</summary>
public sealed class PortRanking
{
    public const string ResourceName = "NetLens.Core.Scanning.tcp-top1000.txt";

    private PortRanking(IReadOnlyList<int> ports, IReadOnlyDictionary<int, string> names)
    {
        Ports = ports;
        Names = names;
    }

    /// <summary>Most common first.</summary>
    public IReadOnlyList<int> Ports { get; }

    /// <summary>The fallback service names, for when /etc/services has none.</summary>
    public IReadOnlyDictionary<int, string> Names { get; }

    /// <summary>The list embedded in the binary.</summary>
    public static PortRanking BuiltIn { get; } = Load();

    /// <summary>"port [name]" lines, '#' comments; a repeated port keeps its first rank.</summary>
    public static PortRanking Parse(IEnumerable<string> lines)
    {
        var ports = new List<int>();
        var names = new Dictionary<int, string>();
        var seen = new HashSet<int>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var port = int.Parse(words[0], NumberStyles.None, CultureInfo.InvariantCulture);
            if (!seen.Add(port))
            {
                continue;
            }

            ports.Add(port);
            if (words.Length > 1)
            {
                names[port] = words[1];
            }
        }

        return new PortRanking(ports, names);
    }

    /// <summary>The N most common, sorted by number (the order they are reported in).</summary>
    public IReadOnlyList<int> Top(int count)
    {
        if (count < 1 || count > Ports.Count)
        {
            throw new UsageException($"--top takes 1 to {Ports.Count} (the length of netlens's port list), not {count}");
        }

        return [.. Ports.Take(count).Order()];
    }

    private static PortRanking Load()
    {
        using var stream = typeof(PortRanking).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the port list {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return Parse(lines);
    }
}
