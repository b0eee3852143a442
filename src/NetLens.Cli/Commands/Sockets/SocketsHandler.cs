using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Json;
using NetLens.Cli.Output.Sockets;
using NetLens.Core.Sockets;
using NetLens.Engines.Sockets;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Proc;
using NetLens.Linux.Services;

namespace NetLens.Cli.Commands.Sockets;

/// <summary>Binds `sockets` to the sockets engine and renders ss's listing, the summary or the findings.</summary>
public static class SocketsHandler
{
    public static async Task<int> RunAsync(SocketsOptions options, CliOutput output)
    {
        var engine = new SocketsEngine(NetworkContext.For(options.Netns));
        var cancellation = output.Interruption.Token;
        if (options.Verbose)
        {
            output.Error.WriteLine(options.Summary || options.Check
                ? "netlens: socket counts from /proc/net/sockstat(6), /proc/net/snmp and /proc/net/netstat, and every TCP socket from the kernel over sock_diag netlink (inet_diag), as ss -s reads them"
                : $"netlens: sockets from the kernel over sock_diag netlink (inet_diag for TCP, UDP and RAW, unix_diag, packet_diag), as ss asks{(options.Processes ? "; owners from each process's /proc/PID/fd" : string.Empty)}");
        }

        return options.Summary || options.Check
            ? await SummariseAsync(engine, options, output, cancellation).ConfigureAwait(false)
            : await ListAsync(engine, options, output, cancellation).ConfigureAwait(false);
    }

    private static async Task<int> SummariseAsync(SocketsEngine engine, SocketsOptions options, CliOutput output, CancellationToken cancellation)
    {
        var report = await engine.CensusAsync(cancellation).ConfigureAwait(false);
        var findings = report.Findings;
        var summary = options.Summary ? report.Figures : null;
        if (options.Json)
        {
            var document = new SocketSummaryDocument
            {
                Summary = summary is null ? null : SocketJsonMapper.ToJson(summary),
                Findings = SocketJsonMapper.ToJson(findings),
            };
            JsonOutput.Write(output.Out, document);
        }
        else if (summary is not null)
        {
            SsSummaryWriter.Write(output.Out, summary, findings);
        }
        else if (findings.Count == 0)
        {
            output.Out.Write($"No findings: {report.Figures.TcpTotal} TCP sockets checked (ephemeral ports, TIME-WAIT, listen queues, orphans, exposed local services).\n");
        }
        else
        {
            FindingsWriter.Write(output.Out, findings);
        }

        return options.Check && findings.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static async Task<int> ListAsync(SocketsEngine engine, SocketsOptions options, CliOutput output, CancellationToken cancellation)
    {
        var kinds = options.Kinds;
        var details = (options.Info ? SocketDetails.TcpInfo : SocketDetails.None) | (options.Memory ? SocketDetails.Memory : SocketDetails.None);

        // owners and JSON need every socket first; the plain listing streams as the kernel answers
        var collect = options.Processes || options.Json;
        var request = new SocketListRequest(kinds, options.States, options.Family, details, options.Filter, Owners: options.Processes);
        using var devices = engine.DeviceNames();
        var layout = new SsListingLayout
        {
            // ss shows the Netid when more than one of its tables is listed: unix and packet sockets are several
            ShowNetid = kinds.Count > 1 || kinds.Contains(SocketKind.UnixStream) || kinds.Contains(SocketKind.PacketRaw),

            // ss drops the State column when the filter leaves a single state
            ShowState = !options.States.IsSingle,
            Processes = options.Processes,
            Extended = options.Extended,
            // ss -e shows timers as -o does
            Timers = options.Timers || options.Extended,
            Info = options.Info,
            Memory = options.Memory,
            ServiceName = options.Numeric ? null : ServiceNameOutside(engine.EphemeralRange()),
            ProcessName = options.Numeric ? null : pid => ProcessStatNames.Find(pid),
            HostName = options.Resolve ? engine.HostNames().Find : null,
        };

        var writer = new SsListingWriter(output.Out, layout);
        bool interrupted;
        if (!collect)
        {
            if (!options.NoHeader)
            {
                writer.WriteHeader();
            }

            interrupted = await engine.StreamAsync(request, new Streamed(s => writer.Write(s, null, devices.Find(s.InterfaceIndex))), cancellation).ConfigureAwait(false);
        }
        else
        {
            var listing = await engine.ListAsync(request, cancellation).ConfigureAwait(false);
            interrupted = listing.Interrupted;
            if (options.Json)
            {
                var document = new SocketsDocument([.. listing.Sockets.Select(s => SocketJsonMapper.ToJson(s, listing.OwnersOf(s), devices.Find(s.InterfaceIndex), listing.TunnelOf(s)))]);
                JsonOutput.Write(output.Out, document);
            }
            else
            {
                if (!options.NoHeader)
                {
                    writer.WriteHeader();
                }

                foreach (var socket in listing.Sockets)
                {
                    writer.Write(socket, listing.OwnersOf(socket), devices.Find(socket.InterfaceIndex), listing.TunnelOf(socket));
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

    /// <summary>Writes each socket on the dumping thread, in the kernel's order (Progress&lt;T&gt; would post to the pool and reorder).</summary>
    private sealed class Streamed(Action<SocketEntry> write) : IProgress<SocketEntry>
    {
        public void Report(SocketEntry value) => write(value);
    }

    /// <summary>Port → name as ss prints it without -n: the system's services table, read on the first port asked about; ports inside the ephemeral range stay numbers (a client's port is no service).</summary>
    private static Func<int, string?> ServiceNameOutside((int Low, int High) ephemeral) =>
        port => port >= ephemeral.Low && port <= ephemeral.High ? null : ServicesFile.SystemNames.System(port);
}
