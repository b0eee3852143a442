using System.Globalization;

namespace NetLens.Core.Routing.Names;

/// <summary>Reads the /etc/iproute2 name-file format: "ID NAME" per line, ID decimal or 0x hex, '#' comments.</summary>
public static class NameFileParser
{
    public static bool Merge(NameTable table, string text, uint maxId)
    {
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            var line = rawLine.TrimStart(" \t");
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            var idEnd = line.IndexOfAny(" \t");
            if (idEnd <= 0)
            {
                return false;
            }

            var rest = line[idEnd..].TrimStart(" \t\r");
            var nameEnd = rest.IndexOfAny(" \t\r");
            var name = nameEnd < 0 ? rest : rest[..nameEnd];
            if (name.IsEmpty || !TryParseSignedId(line[..idEnd], out var id))
            {
                // iproute2 reports "Database … is corrupted" and ignores the rest of the file.
                return false;
            }

            if (id < 0 || id > maxId)
            {
                continue;
            }

            table.Set((uint)id, name.ToString());
        }

        return true;
    }

    /// <summary>A decimal or 0x-prefixed hex id, as strtoul(…, 0) accepts it on the command line.</summary>
    public static bool TryParseId(ReadOnlySpan<char> text, out uint id)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return uint.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out id);
        }

        return uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    private static bool TryParseSignedId(ReadOnlySpan<char> text, out long id)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return long.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out id);
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out id);
    }
}
