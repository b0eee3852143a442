using System.Net;
using System.Net.Sockets;
using NetLens.Core;
using NetLens.Core.Scanning;
using NetLens.Engines.Context;
using NetLens.Linux.Scanning;

namespace NetLens.Engines.Scan;

/// <summary>
/// The hosts of a scan as a stream (a block is listed as it is read, never whole), with the kernel's broadcast
/// addresses taken out before anything is sent to them, and a refusal at once when no route reaches any target.
/// </summary>
internal sealed class ScanTargets
{
    private readonly ScanRequest _request;
    private readonly Dictionary<string, IPAddress> _resolved = [];
    private readonly IReadOnlySet<IPAddress> _broadcasts;
    private readonly TargetExclusion _excluded;

    public ScanTargets(ScanRequest request)
    {
        _request = request;

        // the cap first, before any name is resolved or any table read
        _ = TargetList.Stream(request.Targets, Resolve, request.MaxHosts);

        // names are few: resolved now, so a bad one fails before any output file is opened
        foreach (var spec in request.Targets.Where(t => t.IsName))
        {
            Resolve(spec.Name!);
        }

        _excluded = new TargetExclusion(
            request.Excluded.Where(e => !e.IsName),
            [.. request.Excluded.Where(e => e.IsName).Select(e => Resolve(e.Name!))]);

        var blocks = request.Targets.Where(t => !t.IsName).ToList();
        var families = blocks.Select(b => b.First!.AddressFamily).ToList();
        var routes = families.Count == 0 ? [] : ScanRouteTable.Read(request.Network, families);
        if (blocks.Count == request.Targets.Count && !blocks.Any(b => ScanReach.Reaches(routes, b.First!, b.Last!)))
        {
            throw new IOException($"no route to {string.Join(", ", blocks.Select(b => b.Text))}: no routing table reaches any address of the targets, so nothing was sent (see netlens routes)");
        }

        _broadcasts = ScanReach.Broadcasts(routes.Where(r => r.Family == AddressFamily.InterNetwork));
    }

    /// <summary>The family of the first host: the one whose sockets decide whether raw probing is possible.</summary>
    public AddressFamily FirstFamily => _request.Targets.Count == 0 ? AddressFamily.InterNetwork
        : _request.Targets[0].First?.AddressFamily ?? Resolve(_request.Targets[0].Name!).AddressFamily;

    /// <summary>Broadcast addresses met among the targets so far, never probed.</summary>
    public List<IPAddress> Skipped { get; } = [];

    /// <summary>The hosts in target order, at most <paramref name="size"/> at a time.</summary>
    public IEnumerable<List<ScanHost>> Rounds(int size)
    {
        var round = new List<ScanHost>(Math.Min(size, 1024));
        foreach (var host in TargetList.Stream(_request.Targets, Resolve, _request.MaxHosts))
        {
            if (_excluded.Contains(host.Address))
            {
                // --exclude: not a target at all, so neither probed nor counted among the addresses scanned
                continue;
            }

            if (_broadcasts.Contains(host.Address))
            {
                // a broadcast reaches every host of the link (and the kernel refuses it without SO_BROADCAST): not a target
                Skipped.Add(host.Address);
                continue;
            }

            round.Add(host);
            if (round.Count == size)
            {
                yield return round;
                round = new List<ScanHost>(Math.Min(size, 1024));
            }
        }

        if (round.Count > 0)
        {
            yield return round;
        }
    }

    /// <summary>One address per name, IPv4 first as nmap prefers without -6; each name asked once.</summary>
    private IPAddress Resolve(string name)
    {
        if (!_resolved.TryGetValue(name, out var address))
        {
            ResolvedTarget target;
            try
            {
                target = TargetResolver.Resolve(name, AddressFamily.InterNetwork);
            }
            catch (UsageException)
            {
                target = TargetResolver.Resolve(name, null);
            }

            address = target.Address;
            _resolved[name] = address;
        }

        return address;
    }
}
