using System.Net.Sockets;
using NetLens.Core.Links;
using NetLens.Core.Sockets;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Proc;
using NetLens.Linux.Routing;
using NetLens.Linux.SockDiag;

namespace NetLens.Engines.Sockets;

/// <summary>
/// The sockets capability: lists sockets over sock_diag (streamed as the kernel answers, or collected with their
/// owners), takes the census `-s` prints and weighs it with the checks. Everything runs in the command's namespace.
/// </summary>
public sealed class SocketsEngine(NetworkContext context)
{
    /// <summary>
    /// Hands each socket that passes the filter to <paramref name="sockets"/> as the kernel answers (ss's plain listing
    /// never holds the table in memory); true when a dump was interrupted. Owners are not looked up on this path.
    /// </summary>
    public Task<bool> StreamAsync(SocketListRequest request, IProgress<SocketEntry> sockets, CancellationToken cancellation)
    {
        using var diag = context.Run(SockDiagNetlink.Open);
        return Task.FromResult(Dump(diag, request, sockets.Report, cancellation));
    }

    /// <summary>Every socket that passes the filter, and (when asked) the processes that hold each one.</summary>
    public async Task<SocketListing> ListAsync(SocketListRequest request, CancellationToken cancellation)
    {
        // the /proc walk costs more than the dump: it runs on the other core meanwhile, for every socket inode
        var ownerScan = request.Owners ? Task.Run(() => SocketOwnerScanner.Scan(null), cancellation) : null;
        var collected = new List<SocketEntry>();
        bool interrupted;
        using (var diag = context.Run(SockDiagNetlink.Open))
        {
            interrupted = Dump(diag, request, collected.Add, cancellation);
        }

        var owners = ownerScan is null ? [] : await ownerScan.ConfigureAwait(false);
        return new SocketListing(collected, owners, interrupted) { Tunnels = request.Kinds.Contains(SocketKind.Udp) ? Tunnels() : [] };
    }

    /// <summary>The TCP census, /proc's counters and the checks' findings (`sockets -s`, `sockets --check`).</summary>
    public Task<SocketCensusReport> CensusAsync(CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var census = SocketCensusReader.Read(context.Netns);
        var findings = SocketChecker.Check(census.Tcp, census.Facts);
        return Task.FromResult(new SocketCensusReport(census, census.Summary(), findings));
    }

    /// <summary>The namespace's tunnel devices that own a UDP port (vxlan), read over rtnetlink.</summary>
    public IReadOnlyList<Link> Tunnels()
    {
        using var netlink = context.Run(RouteNetlink.Open);
        return [.. netlink.DumpLinks().Where(l => l.Tunnel?.Port is not null)];
    }

    /// <summary>Interface names by index, looked up in the command's namespace on first use.</summary>
    public DeviceNames DeviceNames() => new(context);

    /// <summary>Address → host name (`-r`), asked inside the command's namespace.</summary>
    public HostNameResolver HostNames() => new(context.Netns);

    /// <summary>The namespace's ephemeral port range (/proc/sys/net follows the reading thread's namespace).</summary>
    public (int Low, int High) EphemeralRange() => context.Run(SocketProcFiles.ReadEphemeralRange);

    private static bool Dump(SockDiagNetlink diag, SocketListRequest request, Action<SocketEntry> sink, CancellationToken cancellation)
    {
        var states = request.States;
        var interrupted = false;
        void Take(SocketEntry socket)
        {
            if (request.Filter.Matches(socket))
            {
                sink(socket);
            }
        }

        foreach (var kind in request.Kinds)
        {
            cancellation.ThrowIfCancellationRequested();

            // packet and netlink sockets have no state the kernel could filter on: ss shows them UNCONN
            if (kind is SocketKind.PacketRaw or SocketKind.Netlink)
            {
                if (states.Contains(SocketState.Close))
                {
                    interrupted |= kind == SocketKind.Netlink ? diag.DumpNetlink(Take) : diag.DumpPacket(Take);
                }

                continue;
            }

            if (SocketWords.IsUnix(kind))
            {
                interrupted |= diag.DumpUnix(states, request.Details, Take);
                continue;
            }

            foreach (var family in request.Family is { } only ? [only] : new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
            {
                interrupted |= diag.DumpInet(kind, family, states, request.Details, Take);
            }
        }

        return interrupted;
    }
}
