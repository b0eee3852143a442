using System.Net.Sockets;
using System.Text.Json;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Sockets;
using NetLens.Core.Sockets;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Proc;
using NetLens.Linux.SockDiag;

namespace NetLens.Cli.Commands.Sockets;

/// <summary>Dumps sockets over sock_diag, finds owners and counters as asked, and renders ss's listing, the summary or findings.</summary>
public static class SocketsHandler
{
    public static int Run(SocketsOptions options, CliOutput output)
    {
        if (options.Summary || options.Check)
        {
            return Summarise(options, output);
        }

        using var diag = options.Netns is { } ns ? SockDiagNetlink.OpenInNamespace(ns) : SockDiagNetlink.Open();
        return List(diag, options, output);
    }

    private static int Summarise(SocketsOptions options, CliOutput output)
    {
        var census = SocketCensusReader.Read(options.Netns);
        var findings = SocketChecker.Check(census.Tcp, census.Facts);
        var figures = census.Summary();
        var summary = options.Summary ? figures : null;
        if (options.Json)
        {
            var document = new SocketSummaryDocument
            {
                Summary = summary is null ? null : SocketJsonMapper.ToJson(summary),
                Findings = SocketJsonMapper.ToJson(findings),
            };
            output.Out.WriteLine(JsonSerializer.Serialize(document, SocketsJsonContext.Default.SocketSummaryDocument));
        }
        else if (summary is not null)
        {
            SsSummaryWriter.Write(output.Out, summary, findings);
        }
        else if (findings.Count == 0)
        {
            output.Out.Write($"No findings: {figures.TcpTotal} TCP sockets checked (ephemeral ports, TIME-WAIT, listen queues, orphans, exposed local services).\n");
        }
        else
        {
            FindingsWriter.Write(output.Out, findings);
        }

        return options.Check && findings.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>/proc/sys/net follows the reading thread's namespace.</summary>
    private static (int Low, int High) EphemeralRange(string? netns) =>
        netns is { } ns ? NetworkNamespace.Run(ns, SocketProcFiles.ReadEphemeralRange) : SocketProcFiles.ReadEphemeralRange();

    private static int List(SockDiagNetlink diag, SocketsOptions options, CliOutput output)
    {
        var kinds = options.Kinds;
        var states = options.States;
        var details = (options.Info ? SocketDetails.TcpInfo : SocketDetails.None) | (options.Memory ? SocketDetails.Memory : SocketDetails.None);
        using var devices = new DeviceNames(options.Netns);
        var layout = new SsListingLayout
        {
            // ss shows the Netid when more than one of its tables is listed: unix and packet sockets are several
            ShowNetid = kinds.Count > 1 || kinds.Contains(SocketKind.UnixStream) || kinds.Contains(SocketKind.PacketRaw),

            // ss drops the State column when the filter leaves a single state
            ShowState = !states.IsSingle,
            Processes = options.Processes,
            Extended = options.Extended,
            // ss -e shows timers as -o does
            Timers = options.Timers || options.Extended,
            Info = options.Info,
            Memory = options.Memory,
            ServiceName = options.Numeric ? null : ServiceNames.OnDemand(EphemeralRange(options.Netns)).Find,
            ProcessName = options.Numeric ? null : pid => ProcessStatNames.Find(pid),
            HostName = options.Resolve ? new HostNameResolver(options.Netns).Find : null,
        };

        // owners and JSON need every socket first; the plain listing is measured as the kernel answers (ss's layout
        // needs every line's widths before the first is written)
        var collect = options.Processes || options.Json;

        // the /proc walk costs more than the dump: run it on the other core meanwhile, for every socket inode
        var ownerScan = options.Processes ? Task.Run(() => SocketOwnerScanner.Scan(null)) : null;
        var collected = new List<SocketEntry>();
        var writer = new SsListingWriter(output.Out, layout);
        if (!collect && !options.NoHeader)
        {
            writer.WriteHeader();
        }

        var interrupted = false;
        void Take(SocketEntry socket)
        {
            if (!options.Filter.Matches(socket))
            {
                return;
            }

            if (collect)
            {
                collected.Add(socket);
            }
            else
            {
                writer.Write(socket, null, devices.Find(socket.InterfaceIndex));
            }
        }

        foreach (var kind in kinds)
        {
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
                interrupted |= diag.DumpUnix(states, details, Take);
                continue;
            }

            foreach (var family in options.Family is { } only ? [only] : new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
            {
                interrupted |= diag.DumpInet(kind, family, states, details, Take);
            }
        }

        if (collect)
        {
            var owners = ownerScan?.GetAwaiter().GetResult() ?? [];
            // ss names no processes for netlink sockets: their port id does
            IReadOnlyList<SocketOwner>? OwnersOf(SocketEntry s) => s.Kind == SocketKind.Netlink ? null : owners.GetValueOrDefault(s.Inode);
            if (options.Json)
            {
                var document = new SocketsDocument([.. collected.Select(s => SocketJsonMapper.ToJson(s, OwnersOf(s), devices.Find(s.InterfaceIndex)))]);
                output.Out.WriteLine(JsonSerializer.Serialize(document, SocketsJsonContext.Default.SocketsDocument));
            }
            else
            {
                if (!options.NoHeader)
                {
                    writer.WriteHeader();
                }

                foreach (var socket in collected)
                {
                    writer.Write(socket, OwnersOf(socket), devices.Find(socket.InterfaceIndex));
                }
            }
        }

        if (!options.Json)
        {
            writer.Complete();
        }

        if (interrupted)
        {
            output.Error.WriteLine("Dump was interrupted and may be inconsistent.");
        }

        return ExitCodes.Success;
    }
}
