using NetLens.Core.Services;
using NetLens.Linux.Services;

namespace NetLens.Cli.Commands.Sockets;

/// <summary>
/// Service name → port for ss's filter (`sport = :ssh`): the system's services file, as ss asks getservbyname. The
/// name's tcp entry first (ss's default table), then udp (for `-u` filters on a udp-only name), then any protocol.
/// </summary>
internal static class FilterServicePorts
{
    public static int? Find(string name) => Find(ServicesFile.System, name);

    public static int? Find(ServicesTable table, string name)
    {
        var entries = table.Named(name);
        return (entries.FirstOrDefault(e => e.Protocol == "tcp")
            ?? entries.FirstOrDefault(e => e.Protocol == "udp")
            ?? entries.FirstOrDefault())?.Port;
    }
}
