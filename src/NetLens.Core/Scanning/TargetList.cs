using System.Net;

namespace NetLens.Core.Scanning;

/// <summary>Turns parsed targets (names already resolved) into the hosts to scan, refusing lists past a hard cap before listing any.</summary>
public static class TargetList
{
    /// <summary>A /16's worth: past it a typo (a /8 for a /24) would send millions of probes.</summary>
    public const int DefaultMaxHosts = 65_536;

    /// <summary>Names go through <paramref name="resolve"/> (one address each, as nmap scans one); duplicates are scanned once.</summary>
    public static IReadOnlyList<ScanHost> Expand(IEnumerable<TargetSpec> targets, Func<string, IPAddress> resolve, int maxHosts = DefaultMaxHosts) =>
        [.. Stream(targets, resolve, maxHosts)];

    /// <summary>
    /// As <see cref="Expand"/>, one host at a time: the cap is checked at once, the addresses are listed (and names
    /// resolved) only as they are read, so a large block never sits in memory whole.
    /// </summary>
    public static IEnumerable<ScanHost> Stream(IEnumerable<TargetSpec> targets, Func<string, IPAddress> resolve, int maxHosts = DefaultMaxHosts)
    {
        var specs = targets.ToList();
        CheckCap(specs, maxHosts);
        return List(specs, resolve);
    }

    /// <summary>How many addresses the targets hold together (saturating), before any is listed.</summary>
    public static UInt128 Count(IEnumerable<TargetSpec> specs)
    {
        UInt128 total = 0;
        foreach (var spec in specs)
        {
            total = spec.Count > UInt128.MaxValue - total ? UInt128.MaxValue : total + spec.Count;
        }

        return total;
    }

    private static void CheckCap(IReadOnlyList<TargetSpec> specs, int maxHosts)
    {
        var total = Count(specs);
        if (total > (UInt128)maxHosts)
        {
            throw new UsageException($"the targets hold {(total == UInt128.MaxValue ? "too many" : total.ToString())} addresses, more than the cap of {maxHosts} (scan smaller blocks)");
        }
    }

    private static IEnumerable<ScanHost> List(IReadOnlyList<TargetSpec> specs, Func<string, IPAddress> resolve)
    {
        // one block alone cannot repeat an address: only several targets need the set of those seen (bounded by the cap)
        var seen = specs.Count > 1 ? new HashSet<IPAddress>() : null;
        foreach (var spec in specs)
        {
            if (spec.Name is { } name)
            {
                var address = resolve(name);
                if (seen?.Add(address) ?? true)
                {
                    yield return new ScanHost(address, name);
                }

                continue;
            }

            foreach (var address in spec.Addresses())
            {
                if (seen?.Add(address) ?? true)
                {
                    yield return new ScanHost(address, null);
                }
            }
        }
    }
}
