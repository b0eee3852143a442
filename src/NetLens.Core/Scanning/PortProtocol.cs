namespace NetLens.Core.Scanning;

/// <summary>The transport a scanned port belongs to; one report may hold both (-sS -sU).</summary>
public enum PortProtocol
{
    Tcp,
    Udp,
}

/// <summary>nmap's spelling: "22/tcp", protocol="udp".</summary>
public static class PortProtocolWords
{
    public static string Word(this PortProtocol protocol) => protocol switch
    {
        PortProtocol.Tcp => "tcp",
        PortProtocol.Udp => "udp",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, null),
    };
}
