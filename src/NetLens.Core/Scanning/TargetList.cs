using System.Net;

namespace NetLens.Core.Scanning;

/// <summary>Turns parsed targets (names already resolved) into the hosts to scan, refusing lists past a hard cap before listing any.</summary>
public static class TargetList
{
    /// <summary>A /16's worth: past it a typo (a /8 for a /24) would send millions of probes.</summary>
    public const int DefaultMaxHosts = 65_536;

    /// <summary>Names go through <paramref name="resolve"/> (one address each, as nmap scans one); duplicates are scanned once.</summary>
    public static IReadOnlyList<ScanHost> Expand(IEnumerable<TargetSpec> targets, Func<string, IPAddress> resolve, int maxHosts = DefaultMaxHosts)
    {
        var specs = targets.ToList();
        UInt128 total = 0;
        foreach (var spec in specs)
        {
            total = spec.Count > UInt128.MaxValue - total ? UInt128.MaxValue : total + spec.Count;
        }

        if (total > (UInt128)maxHosts)
        {
            throw new UsageException($"the targets hold {(total == UInt128.MaxValue ? "too many" : total.ToString())} addresses, more than the cap of {maxHosts} (scan smaller blocks)");
        }

        var hosts = new List<ScanHost>();
        var seen = new HashSet<IPAddress>();
        foreach (var spec in specs)
        {
            if (spec.Name is { } name)
            {
                var address = resolve(name);
                if (seen.Add(address))
                {
                    hosts.Add(new ScanHost(address, name));
                }

                continue;
            }

            foreach (var address in spec.Addresses())
            {
                if (seen.Add(address))
                {
                    hosts.Add(new ScanHost(address, null));
                }
            }
        }

        return hosts;
    }
}
