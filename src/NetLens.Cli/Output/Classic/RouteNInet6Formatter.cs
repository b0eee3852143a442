using System.Text;
using NetLens.Linux.Proc;

namespace NetLens.Cli.Output.Classic;

/// <summary>`route -n -A inet6` (net-tools 2.10): every /proc/net/ipv6_route line that is not a cache entry.</summary>
public static class RouteNInet6Formatter
{
    public const string Header =
        "Kernel IPv6 routing table\nDestination                    Next Hop                   Flag Met Ref  Use If\n";

    // net-tools' letters, in its order.
    private static readonly (uint Flag, char Letter)[] Letters =
    [
        (Ipv6RouteFlags.Up, 'U'),
        (Ipv6RouteFlags.Reject, '!'),
        (Ipv6RouteFlags.Gateway, 'G'),
        (Ipv6RouteFlags.Host, 'H'),
        (Ipv6RouteFlags.Default, 'D'),
        (Ipv6RouteFlags.AddrConf, 'A'),
        (Ipv6RouteFlags.Cache, 'C'),
        (Ipv6RouteFlags.AllOnLink, 'a'),
        (Ipv6RouteFlags.Expires, 'e'),
        (Ipv6RouteFlags.Modified, 'm'),
        (Ipv6RouteFlags.NoNextHop, 'n'),
        (Ipv6RouteFlags.Flow, 'f'),
    ];

    public static string Format(IReadOnlyList<Ipv6RouteEntry> entries)
    {
        var sb = new StringBuilder(Header.Length + (entries.Count * 90));
        sb.Append(Header);

        // sscanf leaves the previous device in net-tools' buffer when a line has none.
        var device = string.Empty;
        Span<char> buffer = stackalloc char[64];
        Span<char> flags = stackalloc char[16];
        foreach (var entry in entries)
        {
            if ((entry.Flags & Ipv6RouteFlags.Cache) != 0)
            {
                continue;
            }

            if (entry.Interface.Length > 0)
            {
                device = entry.Interface.Length > 15 ? entry.Interface[..15] : entry.Interface;
            }

            var destination = ClassicText.FormatAddress(entry.Destination.Address, buffer);
            sb.Append(destination).Append('/').AppendNumber(entry.Destination.Length);
            var written = destination.Length + 1 + Digits(entry.Destination.Length);
            if (written < 30)
            {
                sb.Append(' ', 30 - written);
            }

            sb.Append(' ');
            sb.AppendLeft(ClassicText.FormatAddress(entry.NextHop, buffer), 26).Append(' ');

            var count = 0;
            foreach (var (flag, letter) in Letters)
            {
                if ((entry.Flags & flag) != 0)
                {
                    flags[count++] = letter;
                }
            }

            sb.AppendLeft(flags[..count], 4).Append(' ');
            sb.AppendLeft(ClassicText.FormatInt(unchecked((int)entry.Metric), buffer), 3).Append(' ');
            sb.AppendLeft(ClassicText.FormatInt(unchecked((int)entry.ReferenceCount), buffer), 1).Append(' ');
            sb.AppendRight(ClassicText.FormatInt(unchecked((int)entry.Use), buffer), 6).Append(' ');
            sb.Append(device).Append('\n');
        }

        return sb.ToString();
    }

    private static int Digits(int value) => value >= 100 ? 3 : value >= 10 ? 2 : 1;
}
