using System.Globalization;

namespace NetLens.Core.Scanning;

/// <summary>netlens's own ranking of TCP (or UDP) ports (data/ports/README.md says how it was made), most common first, with built-in names.</summary>
public sealed class PortRanking
{
    public const string ResourceName = "NetLens.Core.Scanning.tcp-top1000.txt";

    /// <summary>The UDP list -sU scans by default (shorter: each closed UDP port can cost a second behind an ICMP rate limit).</summary>
    public const string UdpResourceName = "NetLens.Core.Scanning.udp-services-ranked.txt";

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
    public static PortRanking BuiltIn { get; } = Load(ResourceName);

    /// <summary>The UDP list embedded in the binary.</summary>
    public static PortRanking BuiltInUdp { get; } = Load(UdpResourceName);

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
            // the CLI checks --top against Ports.Count first and says so by flag
            throw new UsageException($"the most common ports are 1 to {Ports.Count} (the length of netlens's port list), not {count}");
        }

        return [.. Ports.Take(count).Order()];
    }

    private static PortRanking Load(string resourceName)
    {
        using var stream = typeof(PortRanking).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"the port list {resourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return Parse(lines);
    }
}
