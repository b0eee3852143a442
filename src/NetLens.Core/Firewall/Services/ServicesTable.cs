using System.Globalization;
using NetLens.Core.Firewall.Spec;

namespace NetLens.Core.Firewall.Services;

/// <summary>The services file as lines and entries, so lines can be looked up, added and removed without touching the rest.</summary>
public sealed class ServicesTable
{
    /// <summary>The comment netlens writes after its own lines, so `port close` removes exactly those.</summary>
    public const string Marker = "# added by netlens";

    private ServicesTable(IReadOnlyList<string> lines, IReadOnlyList<ServiceEntry> entries)
    {
        Lines = lines;
        Entries = entries;
    }

    public IReadOnlyList<string> Lines { get; }

    public IReadOnlyList<ServiceEntry> Entries { get; }

    public static ServicesTable Empty { get; } = new([], []);

    public static ServicesTable Parse(IEnumerable<string> lines)
    {
        var all = lines.ToList();
        var entries = new List<ServiceEntry>();
        for (var i = 0; i < all.Count; i++)
        {
            var raw = all[i];
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var words = (hash >= 0 ? raw[..hash] : raw).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2)
            {
                continue;
            }

            var slash = words[1].IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && int.TryParse(words[1][..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                var added = hash >= 0 && raw[hash..].Trim() == Marker;
                entries.Add(new ServiceEntry(words[0], port, words[1][(slash + 1)..].ToLowerInvariant(), words[2..], i, added));
            }
        }

        return new ServicesTable(all, entries);
    }

    /// <summary>The entries that name <paramref name="name"/> (as name or alias).</summary>
    public IReadOnlyList<ServiceEntry> Named(string name) => [.. Entries.Where(e => e.IsCalled(name))];

    /// <summary>The protocols the file lists for <paramref name="port"/>, with the first name for each.</summary>
    public IReadOnlyList<ServiceEntry> ForPort(int port) => [.. Entries.Where(e => e.Port == port && e.KnownProtocol is not null)];

    /// <summary>The line netlens adds for a name: aligned like the file's own lines, and marked.</summary>
    public static string LineFor(string name, int port, FirewallProtocol protocol)
    {
        var portText = $"{port}/{protocol.Word()}";
        return $"{name}{Tabs(name.Length, 16)}{portText}{Tabs(portText.Length, 16)}{Marker}";
    }

    /// <summary>The file's lines with <paramref name="added"/> appended and the lines at <paramref name="removed"/> left out.</summary>
    public IReadOnlyList<string> Edit(IReadOnlyList<string> added, IReadOnlyCollection<int> removed)
    {
        var result = new List<string>(Lines.Count + added.Count);
        for (var i = 0; i < Lines.Count; i++)
        {
            if (!removed.Contains(i))
            {
                result.Add(Lines[i]);
            }
        }

        result.AddRange(added);
        return result;
    }

    private static string Tabs(int width, int column) => new('\t', Math.Max(1, (column - width + 7) / 8));
}
