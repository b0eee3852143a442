namespace NetLens.Core.Scanning;

/// <summary>
/// nmap's protocol-qualified -p: "T:22,80,U:53,161" gives TCP 22,80 and UDP 53,161; a list without qualifiers applies
/// to every protocol scanned. Each part's syntax is <see cref="PortSpecParser"/>'s.
/// </summary>
public static class UdpPortSpec
{
    /// <summary>TCP and UDP lists; a protocol the spec leaves out has an empty list when the spec is qualified.</summary>
    public static (IReadOnlyList<int> Tcp, IReadOnlyList<int> Udp) Parse(string spec)
    {
        var text = spec.Trim();
        if (!text.Contains(':', StringComparison.Ordinal))
        {
            var both = PortSpecParser.Parse(text);
            return (both, both);
        }

        var tcp = new List<string>();
        var udp = new List<string>();
        List<string>? current = null;
        foreach (var raw in text.Split(','))
        {
            var item = raw.Trim();
            if (item.Length > 1 && item[1] == ':')
            {
                current = char.ToUpperInvariant(item[0]) switch
                {
                    'T' => tcp,
                    'U' => udp,
                    _ => throw new UsageException($"-p {spec}: '{item[..2]}' is not a protocol netlens scans (T: or U:)"),
                };
                item = item[2..];
            }

            if (current is null)
            {
                throw new UsageException($"-p {spec}: ports before the first T: or U: belong to no protocol");
            }

            current.Add(item);
        }

        return (tcp.Count == 0 ? [] : PortSpecParser.Parse(string.Join(',', tcp)), udp.Count == 0 ? [] : PortSpecParser.Parse(string.Join(',', udp)));
    }
}
