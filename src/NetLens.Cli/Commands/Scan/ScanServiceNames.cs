using NetLens.Cli.Commands.Sockets;
using NetLens.Core.Scanning;

namespace NetLens.Cli.Commands.Scan;

/// <summary>Port → service name: /etc/services first (what the machine's admin named), netlens's built-in list after.</summary>
internal sealed class ScanServiceNames(IReadOnlyDictionary<int, string> system, IReadOnlyDictionary<int, string> builtIn)
{
    private const string ServicesFile = "/etc/services";

    public static ScanServiceNames Load()
    {
        Dictionary<int, string> system;
        try
        {
            system = ServiceNames.Parse(File.ReadLines(ServicesFile));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            system = [];
        }

        return new ScanServiceNames(system, PortRanking.BuiltIn.Names);
    }

    /// <summary>nmap writes "unknown" where no name is known.</summary>
    public string Find(int port) => system.GetValueOrDefault(port) ?? builtIn.GetValueOrDefault(port) ?? "unknown";
}
