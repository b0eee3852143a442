using System.Globalization;
using NetLens.Core.Sockets;

namespace NetLens.Linux.Proc;

/// <summary>Parses /proc/net/sockstat and sockstat6 ("TCP: inuse 3 orphan 0 tw 1 alloc 5 mem 1").</summary>
public static class SockstatParser
{
    /// <summary>Both files' text; either may be empty (IPv6 disabled has no sockstat6).</summary>
    public static Sockstat Parse(string sockstat, string sockstat6)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        Collect(sockstat, values);
        Collect(sockstat6, values);
        int Get(string key) => values.GetValueOrDefault(key);
        return new Sockstat
        {
            SocketsUsed = Get("sockets.used"),
            TcpInUse = Get("TCP.inuse"),
            TcpOrphan = Get("TCP.orphan"),
            TcpTimeWait = Get("TCP.tw"),
            TcpAlloc = Get("TCP.alloc"),
            UdpInUse = Get("UDP.inuse"),
            RawInUse = Get("RAW.inuse"),
            FragInUse = Get("FRAG.inuse"),
            Tcp6InUse = Get("TCP6.inuse"),
            Udp6InUse = Get("UDP6.inuse"),
            Raw6InUse = Get("RAW6.inuse"),
            Frag6InUse = Get("FRAG6.inuse"),
        };
    }

    /// <summary>"PROTO: key value key value" lines into "PROTO.key" → value; odd lines are skipped.</summary>
    private static void Collect(string text, Dictionary<string, int> values)
    {
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var protocol = line[..colon];
            var words = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i + 1 < words.Length; i += 2)
            {
                if (int.TryParse(words[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                {
                    values[protocol + "." + words[i]] = value;
                }
            }
        }
    }
}
