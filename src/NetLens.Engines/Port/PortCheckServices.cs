using System.Globalization;

namespace NetLens.Engines.Port;

/// <summary>/etc/services by name and by port (name port/proto aliases…), for `port check ssh` or `port check 53`.</summary>
public sealed class PortCheckServices(IReadOnlyList<(string[] Names, int Port, string Protocol)> entries)
{
    public const string DefaultPath = "/etc/services";

    public static PortCheckServices Load(string path)
    {
        try
        {
            return Parse(File.ReadLines(path));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            return new PortCheckServices([]);
        }
    }

    public static PortCheckServices Parse(IEnumerable<string> lines)
    {
        var entries = new List<(string[], int, string)>();
        foreach (var raw in lines)
        {
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var words = (hash >= 0 ? raw[..hash] : raw).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var slash = words.Length >= 2 ? words[1].IndexOf('/', StringComparison.Ordinal) : -1;
            if (slash > 0 && int.TryParse(words[1][..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                entries.Add(([words[0], .. words[2..]], port, words[1][(slash + 1)..]));
            }
        }

        return new PortCheckServices(entries);
    }

    public IReadOnlyList<(int Port, string Protocol)> Find(string name) =>
        [.. entries.Where(e => e.Names.Contains(name, StringComparer.OrdinalIgnoreCase)).Select(e => (e.Port, e.Protocol))];

    public IReadOnlyList<string> ProtocolsOf(int port) => [.. entries.Where(e => e.Port == port).Select(e => e.Protocol)];
}
