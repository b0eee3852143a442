using NetLens.Core.Doctor;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Proc;

namespace NetLens.Engines.Doctor;

/// <summary>The conntrack step: the tables of doctor's namespace and of the far side's, read after the probes made their entries.</summary>
internal static class ConntrackFacts
{
    public static IReadOnlyList<ConntrackFact> Read(NetworkContext local, string? peerNetns)
    {
        var tables = new List<ConntrackFact>();
        if (local.Run(ConntrackSysctl.Read) is { } here)
        {
            tables.Add(new ConntrackFact(local.Netns ?? "this host", CauseLocation.Local, here.Count, here.Max));
        }

        if (peerNetns is not null && NetworkContext.For(peerNetns).Run(ConntrackSysctl.Read) is { } there)
        {
            tables.Add(new ConntrackFact(peerNetns, CauseLocation.Peer, there.Count, there.Max));
        }

        return tables;
    }
}
