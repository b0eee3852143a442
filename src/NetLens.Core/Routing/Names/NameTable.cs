namespace NetLens.Core.Routing.Names;

/// <summary>One iproute2 id ↔ name table (rt_tables, rt_protos…): built-in entries plus merged files.</summary>
public sealed class NameTable
{
    // Ids up to 255 cover every table but rt_tables; an array keeps the hot lookup branch-free.
    private readonly string?[] _small = new string?[256];
    private Dictionary<uint, string>? _large;

    public NameTable()
    {
    }

    public NameTable(IEnumerable<KeyValuePair<uint, string>> entries)
    {
        foreach (var (id, name) in entries)
        {
            Set(id, name);
        }
    }

    /// <summary>Adds or replaces one entry (later files win, as iproute2's last assignment does).</summary>
    public void Set(uint id, string name)
    {
        if (id < 256)
        {
            _small[id] = name;
        }
        else
        {
            (_large ??= [])[id] = name;
        }
    }

    public bool TryGetName(uint id, out string name)
    {
        var found = id < 256 ? _small[id] : _large?.GetValueOrDefault(id);
        name = found ?? string.Empty;
        return found is not null;
    }

    /// <summary>Name → id, the way `ip route add … table NAME` resolves it; numbers are accepted too.</summary>
    public bool TryGetId(string name, out uint id)
    {
        for (var i = 0u; i < 256; i++)
        {
            if (string.Equals(_small[i], name, StringComparison.Ordinal))
            {
                id = i;
                return true;
            }
        }

        if (_large is not null)
        {
            foreach (var (key, value) in _large)
            {
                if (string.Equals(value, name, StringComparison.Ordinal))
                {
                    id = key;
                    return true;
                }
            }
        }

        return NameFileParser.TryParseId(name, out id);
    }

    /// <summary>Merges text in /etc/iproute2 file format; false when a line is malformed (iproute2 stops reading there too).</summary>
    public bool Merge(string text, uint maxId) => NameFileParser.Merge(this, text, maxId);

    public NameTable Clone()
    {
        var copy = new NameTable();
        _small.CopyTo(copy._small, 0);
        if (_large is not null)
        {
            copy._large = new Dictionary<uint, string>(_large);
        }

        return copy;
    }
}
