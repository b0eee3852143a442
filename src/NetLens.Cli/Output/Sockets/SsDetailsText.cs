using System.Globalization;
using System.Text;
using NetLens.Core.Sockets;
using NetLens.Linux.Proc;

namespace NetLens.Cli.Output.Sockets;

/// <summary>The words ss adds after a socket: users:(…), -e's uid/ino/sk, -m's skmem:(…), -i's tcp_info line.</summary>
public static class SsDetailsText
{
    public static string Users(IReadOnlyList<SocketOwner> owners)
    {
        var text = new StringBuilder("users:(");
        for (var i = 0; i < owners.Count; i++)
        {
            text.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"(\"{owners[i].Name}\",pid={owners[i].Pid},fd={owners[i].Fd})");
        }

        return text.Append(')').ToString();
    }

    /// <summary>ss -o's `timer:(keepalive,119min,0)`: kind, time left, retransmits; null when no timer runs, as ss prints nothing then.</summary>
    public static string? Timer(SocketEntry socket) =>
        socket.Timer == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"timer:({SocketWords.Timer(socket.Timer)},{Duration(socket.TimerExpiresMs)},{socket.TimerRetransmits})");

    /// <summary>ss's time words: minutes, then seconds unless over 9 minutes, then milliseconds only under 10 s and 1 min ("1.500ms" is 1.5 s).</summary>
    public static string Duration(uint milliseconds)
    {
        var minutes = milliseconds / 60_000;
        var seconds = milliseconds / 1000 % 60;
        var ms = milliseconds % 1000;
        var text = new StringBuilder();
        if (minutes > 0)
        {
            ms = 0;
            text.Append(CultureInfo.InvariantCulture, $"{minutes}min");
            if (minutes > 9)
            {
                seconds = 0;
            }
        }

        if (seconds > 0)
        {
            if (seconds > 9)
            {
                ms = 0;
            }

            text.Append(CultureInfo.InvariantCulture, $"{seconds}").Append(ms > 0 ? "." : "sec");
        }

        if (ms > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{ms:000}ms");
        }

        return text.ToString();
    }

    public static string Extended(SocketEntry socket)
    {
        var text = new StringBuilder();
        if (socket.Uid != 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" uid:{socket.Uid}");
        }

        text.Append(CultureInfo.InvariantCulture, $" ino:{socket.Inode} sk:{socket.Cookie:x}");
        // the kernel reports IPV6_V6ONLY only for listening and closed IPv6 sockets, and ss shows it only then
        if (socket.V6Only is { } v6Only)
        {
            text.Append(v6Only ? " v6only:1" : " v6only:0");
        }

        // ss's shutdown mark: "<" while it may still receive, ">" while it may still send
        if (socket.Shutdown is { } shutdown)
        {
            text.Append(' ').Append((shutdown & 1) != 0 ? '-' : '<').Append('-').Append((shutdown & 2) != 0 ? '-' : '>');
        }

        return text.ToString();
    }

    public static string Memory(SocketMemory m) =>
        string.Create(CultureInfo.InvariantCulture, $"skmem:(r{m.RmemAlloc},rb{m.RcvBuf},t{m.WmemAlloc},tb{m.SndBuf},f{m.FwdAlloc},w{m.WmemQueued},o{m.OptMem},bl{m.Backlog},d{m.Drops})");

    /// <summary>ss -i's line, in ss's order; times in ms with up to three decimals.</summary>
    public static string TcpInfo(TcpInfo info, string? congestion, bool numeric, bool extended)
    {
        var text = new StringBuilder();
        void Add(FormattableString part) => text.Append(text.Length == 0 ? "" : " ").Append(part.ToString(CultureInfo.InvariantCulture));
        void AddIf(string name, string? value)
        {
            if (value is not null)
            {
                text.Append(text.Length == 0 ? "" : " ").Append(name).Append(':').Append(value);
            }
        }

        // TCPI_OPT_* words, which ss prints only with -e, before the congestion control name
        foreach (var (bit, word) in OptionWords)
        {
            if (extended && (info.Options & bit) != 0)
            {
                Add($"{word}");
            }
        }

        if (congestion is not null)
        {
            Add($"{congestion}");
        }

        // TCPI_OPT_WSCALE: both sides agreed on window scaling
        if ((info.Options & 4) != 0)
        {
            Add($"wscale:{info.SendWindowScale},{info.ReceiveWindowScale}");
        }

        // ss prints a field only when the kernel filled it in (listeners have almost none)
        if (info.RtoUs > 0)
        {
            Add($"rto:{Ms(info.RtoUs)}");
        }

        if (info.RttUs > 0)
        {
            Add($"rtt:{Ms(info.RttUs)}/{Ms(info.RttVarUs)}");
        }

        AddIf("ato", info.AtoUs > 0 ? Ms(info.AtoUs) : null);
        AddIf("mss", Count(info.SendMss));
        AddIf("pmtu", Count(info.Pmtu));
        AddIf("rcvmss", Count(info.ReceiveMss));
        AddIf("advmss", Count(info.AdvMss));
        AddIf("cwnd", Count(info.SendCwnd));
        AddIf("ssthresh", info.SendSsthresh is > 0 and < 0xFFFF ? Count(info.SendSsthresh) : null);
        AddIf("bytes_sent", Count(info.BytesSent));
        AddIf("bytes_retrans", Count(info.BytesRetrans));
        AddIf("bytes_acked", Count(info.BytesAcked));
        AddIf("bytes_received", Count(info.BytesReceived));
        AddIf("segs_out", Count(info.SegsOut));
        AddIf("segs_in", Count(info.SegsIn));
        AddIf("data_segs_out", Count(info.DataSegsOut));
        AddIf("data_segs_in", Count(info.DataSegsIn));
        if (info.RttUs > 0 && info.SendMss > 0)
        {
            Add($"send {Rate(numeric, (double)info.SendCwnd * info.SendMss * 8 * 1_000_000 / info.RttUs)}");
        }

        AddIf("lastsnd", Count(info.LastDataSentMs));
        AddIf("lastrcv", Count(info.LastDataReceivedMs));
        AddIf("lastack", Count(info.LastAckReceivedMs));
        if (info.PacingRate is > 0 and < ulong.MaxValue)
        {
            Add($"pacing_rate {Rate(numeric, info.PacingRate * 8.0)}");
        }

        if (info.DeliveryRate > 0)
        {
            Add($"delivery_rate {Rate(numeric, info.DeliveryRate * 8.0)}");
        }

        AddIf("delivered", Count(info.Delivered));
        if (info.AppLimited)
        {
            Add($"app_limited");
        }

        AddIf("unacked", Count(info.Unacked));
        if (info.Retrans > 0 || info.TotalRetrans > 0)
        {
            Add($"retrans:{info.Retrans}/{info.TotalRetrans}");
        }

        AddIf("lost", Count(info.Lost));
        AddIf("rcv_space", Count(info.ReceiveSpace));
        AddIf("rcv_ssthresh", Count(info.ReceiveSsthresh));
        if (info.MinRttUs is > 0 and < uint.MaxValue)
        {
            Add($"minrtt:{Ms(info.MinRttUs)}");
        }

        AddIf("snd_wnd", Count(info.SendWindow));
        return text.ToString();
    }

    private static string? Count(ulong value) => value == 0 ? null : value.ToString(CultureInfo.InvariantCulture);

    private static string Ms(uint microseconds) => (microseconds / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private static readonly (int Bit, string Word)[] OptionWords = [(1, "ts"), (2, "sack"), (8, "ecn"), (16, "ecnseen"), (32, "fastopen")];

    /// <summary>ss's rate words: with -n plain bps, else bps, Kbps, Mbps, Gbps with one decimal.</summary>
    private static string Rate(bool numeric, double bitsPerSecond) => numeric
        ? string.Create(CultureInfo.InvariantCulture, $"{bitsPerSecond:0}bps")
        : bitsPerSecond switch
        {
            > 1e9 => string.Create(CultureInfo.InvariantCulture, $"{bitsPerSecond / 1e9:0.#}Gbps"),
            > 1e6 => string.Create(CultureInfo.InvariantCulture, $"{bitsPerSecond / 1e6:0.#}Mbps"),
            > 1e3 => string.Create(CultureInfo.InvariantCulture, $"{bitsPerSecond / 1e3:0.#}Kbps"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{bitsPerSecond:0}bps"),
        };
}
