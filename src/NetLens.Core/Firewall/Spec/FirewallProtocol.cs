namespace NetLens.Core.Firewall.Spec;

/// <summary>The protocols a port (or, for ICMP, a message type) can be opened for.</summary>
public enum FirewallProtocol
{
    Tcp,
    Udp,
    Icmp,
    Icmpv6,
}

/// <summary>The words used for protocols in SPECs, /etc/services, nft and iptables ("tcp", "udp", "icmp", "icmpv6").</summary>
public static class FirewallProtocolWords
{
    public static string Word(this FirewallProtocol protocol) => protocol switch
    {
        FirewallProtocol.Tcp => "tcp",
        FirewallProtocol.Udp => "udp",
        FirewallProtocol.Icmp => "icmp",
        _ => "icmpv6",
    };

    public static bool IsIcmp(this FirewallProtocol protocol) => protocol is FirewallProtocol.Icmp or FirewallProtocol.Icmpv6;

    public static FirewallProtocol? Parse(string word) => word.ToLowerInvariant() switch
    {
        "tcp" => FirewallProtocol.Tcp,
        "udp" => FirewallProtocol.Udp,
        _ => null,
    };

    public static FirewallProtocol Other(this FirewallProtocol protocol) =>
        protocol == FirewallProtocol.Tcp ? FirewallProtocol.Udp : FirewallProtocol.Tcp;
}
