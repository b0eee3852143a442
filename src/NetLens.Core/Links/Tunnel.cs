using System.Net;

namespace NetLens.Core.Links;

/// <summary>
/// What a tunnel device carries its packets over (a vxlan's IFLA_VXLAN_* attributes): the VNI, the far end (a unicast
/// remote, or a multicast group), the local address when set, and the UDP port the kernel sends to and listens on.
/// </summary>
public sealed record Tunnel(string Kind)
{
    /// <summary>The VXLAN network identifier.</summary>
    public uint? Id { get; init; }

    public IPAddress? Remote { get; init; }

    public IPAddress? Local { get; init; }

    /// <summary>The UDP destination port (8472 Linux's default, 4789 IANA's).</summary>
    public int? Port { get; init; }

    /// <summary>"vxlan 42 via 198.18.2.2:8472", as the Origin column names an overlay.</summary>
    public string Describe()
    {
        var text = Kind + (Id is { } id ? $" {id}" : string.Empty);
        if (Remote is { } remote)
        {
            var host = remote.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{remote}]" : remote.ToString();
            text += Port is { } port ? $" via {host}:{port}" : $" via {host}";
        }
        else if (Port is { } port)
        {
            text += $" on udp {port}";
        }

        return text;
    }
}
