using System.Net;
using System.Net.Sockets;
using NetLens.Core.Doctor;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Proc;

namespace NetLens.Engines.Doctor;

/// <summary>The forwarding step on this host: the sysctl that lets packets in by the --iif device be routed on.</summary>
internal static class ForwardingFacts
{
    /// <summary>IPv4 checks the arrival device's own key; IPv6 forwards by the "all" key alone.</summary>
    public static ForwardingFact? Read(NetworkContext context, IPAddress destination, string inputInterface)
    {
        var v6 = destination.AddressFamily == AddressFamily.InterNetworkV6;
        var key = v6 ? "all" : inputInterface;
        return context.Run(() => ForwardingSysctl.Read(destination.AddressFamily, key)) is { } forwards
            ? new ForwardingFact(inputInterface, $"net.{(v6 ? "ipv6" : "ipv4")}.conf.{key}.forwarding", forwards)
            : null;
    }
}
