using NetLens.Core.Trace;
using NetLens.Linux.Probes;

namespace NetLens.Engines.Context;

/// <summary>
/// Names for the addresses a command meets (trace's hops): the system's reverse lookup (getnameinfo, so /etc/hosts and
/// nsswitch count as for every other tool), each address once, in the background, so probing never waits for DNS.
/// </summary>
public static class ReverseNameLookups
{
    public static ReverseNameCache Start() => new(new ReverseNameResolver());
}
