namespace NetLens.Core.Firewall.Spec;

/// <summary>The transport protocols a port can be opened for.</summary>
public enum FirewallProtocol
{
    Tcp,
    Udp,
}

/// <summary>The words used for protocols in SPECs, /etc/services, nft and iptables ("tcp", "udp").</summary>
public static class FirewallProtocolWords
{
    public static string Word(this FirewallProtocol protocol) => protocol == FirewallProtocol.Tcp ? "tcp" : "udp";

    public static FirewallProtocol? Parse(string word) => word.ToLowerInvariant() switch
    {
        "tcp" => FirewallProtocol.Tcp,
        "udp" => FirewallProtocol.Udp,
        _ => null,
    };

    public static FirewallProtocol Other(this FirewallProtocol protocol) =>
        protocol == FirewallProtocol.Tcp ? FirewallProtocol.Udp : FirewallProtocol.Tcp;
}
