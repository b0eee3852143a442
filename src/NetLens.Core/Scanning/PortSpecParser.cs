using System.Globalization;

namespace NetLens.Core.Scanning;

/// <summary>nmap's -p syntax for TCP: "22,80,1000-2000", "-" (1-65535), "-1024" (1-1024), "60000-" (to 65535).</summary>
public static class PortSpecParser
{
    public const int MaxPort = 65535;

    /// <summary>The ports, sorted and distinct. Port 0 only when named explicitly, as nmap does.</summary>
    public static IReadOnlyList<int> Parse(string spec)
    {
        var ports = new SortedSet<int>();
        var text = spec.Trim();
        if (text.StartsWith("T:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        if (text.Length == 0)
        {
            throw new UsageException("empty port list after -p");
        }

        foreach (var item in text.Split(','))
        {
            if (item.Length == 0)
            {
                throw new UsageException($"-p {spec}: empty item in the list");
            }

            var dash = item.IndexOf('-', StringComparison.Ordinal);
            var low = dash < 0 ? Port(item, spec) : dash == 0 ? 1 : Port(item[..dash], spec);
            var high = dash < 0 ? low : dash == item.Length - 1 ? MaxPort : Port(item[(dash + 1)..], spec);
            if (low > high)
            {
                throw new UsageException($"-p {spec}: range {item} runs backwards");
            }

            for (var port = low; port <= high; port++)
            {
                ports.Add(port);
            }
        }

        return [.. ports];
    }

    private static int Port(string digits, string spec) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= MaxPort
            ? port
            : throw new UsageException($"-p {spec}: '{digits}' is not a port (0-65535)");
}
