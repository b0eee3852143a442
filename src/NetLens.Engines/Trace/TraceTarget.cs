using System.Net;
using NetLens.Core;

namespace NetLens.Engines.Trace;

/// <summary>What a trace may be pointed at.</summary>
public static class TraceTarget
{
    /// <summary>
    /// Refuses the unspecified address (0.0.0.0, ::): as a destination the kernel sends it to the host itself, so a trace
    /// would print loopback hop after hop while the user meant some other host.
    /// </summary>
    public static void Check(IPAddress address)
    {
        // All zero bytes: 0.0.0.0, ::, ::ffff:0.0.0.0 and :: with any zone.
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (plain.GetAddressBytes().All(b => b == 0))
        {
            throw new UsageException($"{address} is the unspecified address, not a host to trace to (give the address or name of the host to reach)");
        }
    }
}
