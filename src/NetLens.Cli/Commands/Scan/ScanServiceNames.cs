using NetLens.Cli.Commands.Sockets;
using NetLens.Core.Scanning;

namespace NetLens.Cli.Commands.Scan;

/// <summary>Port → service name: /etc/services first (what the machine's admin named), netlens's built-in lists after.</summary>
internal sealed class ScanServiceNames(IReadOnlyDictionary<int, string> system, IReadOnlyDictionary<int, string> builtIn)
{
    private const string ServicesFile = "/etc/services";

    private IReadOnlyDictionary<int, string> SystemUdp { get; init; } = new Dictionary<int, string>();

    public static ScanServiceNames Load()
    {
        List<string> lines;
        try
        {
            lines = [.. File.ReadLines(ServicesFile)];
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            lines = [];
        }

        return new ScanServiceNames(ServiceNames.Parse(lines), PortRanking.BuiltIn.Names)
        {
            SystemUdp = ServiceNames.Parse(lines.Where(l => l.Contains("/udp", StringComparison.Ordinal))),
        };
    }

    /// <summary>nmap writes "unknown" where no name is known.</summary>
    public string Find(int port) => system.GetValueOrDefault(port) ?? builtIn.GetValueOrDefault(port) ?? "unknown";

    /// <summary>UDP ports take the names /etc/services gives them for udp, then the built-in UDP list's.</summary>
    public string Find(int port, PortProtocol protocol) => protocol == PortProtocol.Udp
        ? SystemUdp.GetValueOrDefault(port) ?? PortRanking.BuiltInUdp.Names.GetValueOrDefault(port) ?? "unknown"
        : Find(port);
}
