using System.Globalization;

namespace NetLens.Cli.Commands.Sockets;

/// <summary>Port → service name from /etc/services, read on the first port asked about (ss without -n).</summary>
internal sealed class ServiceNames((int Low, int High) ephemeral)
{
    private const string ServicesFile = "/etc/services";
    private Dictionary<int, string>? _names;

    /// <summary>Ports inside the ephemeral range stay numbers, as ss leaves them: a client's port is no service.</summary>
    public static ServiceNames OnDemand((int Low, int High) ephemeral) => new(ephemeral);

    public string? Find(int port)
    {
        if (port >= ephemeral.Low && port <= ephemeral.High)
        {
            return null;
        }

        _names ??= Load();
        return _names.GetValueOrDefault(port);
    }

    /// <summary>"name port/proto [aliases]"; the first name listed for a port wins, as getservbyport answers.</summary>
    internal static Dictionary<int, string> Parse(IEnumerable<string> lines)
    {
        var names = new Dictionary<int, string>();
        foreach (var raw in lines)
        {
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = hash >= 0 ? raw[..hash] : raw;
            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2)
            {
                continue;
            }

            var slash = words[1].IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && int.TryParse(words[1][..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                names.TryAdd(port, words[0]);
            }
        }

        return names;
    }

    private static Dictionary<int, string> Load()
    {
        try
        {
            return Parse(File.ReadLines(ServicesFile));
        }
        catch (Exception e) when (e is FileNotFoundException or UnauthorizedAccessException or IOException)
        {
            return [];
        }
    }
}
