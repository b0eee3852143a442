using NetLens.Core.Firewall.Spec;
using NetLens.Core.Scanning;

namespace NetLens.Core.Services;

/// <summary>
/// Port → service name, for every command that names ports: the system's services table first (what the machine's admin
/// named), netlens's own lists after (nmap-style names for the ports a scan reports). The first name a file lists for a
/// port wins, as getservbyport answers.
/// </summary>
public sealed class ServiceNames(ServicesTable system)
{
    private Dictionary<int, string>? anyProtocol;
    private Dictionary<int, string>? udp;

    /// <summary>The system table's name for the port, whatever the protocol (ss without -n asks so).</summary>
    public string? System(int port) => (anyProtocol ??= Index(system.Entries)).GetValueOrDefault(port);

    /// <summary>nmap writes "unknown" where no name is known.</summary>
    public string ForScan(int port) => System(port) ?? PortRanking.BuiltIn.Names.GetValueOrDefault(port) ?? "unknown";

    /// <summary>UDP ports take the names the system gives them for udp, then the built-in UDP list's.</summary>
    public string ForScan(int port, PortProtocol protocol) => protocol == PortProtocol.Udp
        ? (udp ??= Index(system.Entries.Where(e => e.KnownProtocol == FirewallProtocol.Udp))).GetValueOrDefault(port)
            ?? PortRanking.BuiltInUdp.Names.GetValueOrDefault(port) ?? "unknown"
        : ForScan(port);

    private static Dictionary<int, string> Index(IEnumerable<ServiceEntry> entries)
    {
        var names = new Dictionary<int, string>();
        foreach (var entry in entries)
        {
            names.TryAdd(entry.Port, entry.Name);
        }

        return names;
    }
}
