namespace NetLens.Core.Sockets;

/// <summary>ss's -A QUERY words (`-A tcp,netlink`), as the kinds netlens lists.</summary>
public static class SocketQuery
{
    /// <summary>Throws <see cref="UsageException"/> naming the word it does not know.</summary>
    public static IReadOnlySet<SocketKind> Parse(IEnumerable<string> values)
    {
        var kinds = new HashSet<SocketKind>();
        foreach (var word in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            SocketKind[] named = word.ToLowerInvariant() switch
            {
                "all" => [SocketKind.Tcp, SocketKind.Udp, SocketKind.Raw, SocketKind.UnixStream, SocketKind.PacketRaw, SocketKind.Netlink],
                "inet" => [SocketKind.Tcp, SocketKind.Udp, SocketKind.Raw],
                "tcp" => [SocketKind.Tcp],
                "udp" => [SocketKind.Udp],
                "raw" => [SocketKind.Raw],
                "unix" => [SocketKind.UnixStream],
                "packet" => [SocketKind.PacketRaw],
                "netlink" => [SocketKind.Netlink],
                _ => throw new UsageException($"unknown socket kind \"{word}\" for -A (all, inet, tcp, udp, raw, unix, packet, netlink)"),
            };
            kinds.UnionWith(named);
        }

        return kinds;
    }
}
