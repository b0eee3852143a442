using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Json;
using NetLens.Cli.Output.Sockets;
using NetLens.Core;
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
        Validate(options);
        var engine = new SocketsEngine(NetworkContext.For(options.Netns));
        var cancellation = output.Interruption.Token;
        if (options.Verbose)
        {
            output.Error.WriteLine(options.Summary || options.Check
                ? "netlens: socket counts from /proc/net/sockstat(6), /proc/net/snmp and /proc/net/netstat, and every TCP socket from the kernel over sock_diag netlink (inet_diag), as ss -s reads them"
                : $"netlens: sockets from the kernel over sock_diag netlink (inet_diag for TCP, UDP and RAW, unix_diag, packet_diag), as ss asks{(options.Processes ? "; owners from each process's /proc/PID/fd" : string.Empty)}");
        }

        if (options.Kill)
        {
            return await KillAsync(engine, options, output, cancellation).ConfigureAwait(false);
        }

        if (options.Events)
        {
            return FollowDestroyed(engine, options, output, cancellation);
        }

        return options.Summary || options.Check
            ? await SummariseAsync(engine, options, output, cancellation).ConfigureAwait(false)
            : await ListAsync(engine, options, output, cancellation).ConfigureAwait(false);
    }

    /// <summary>-K and -E list sockets; they make no sense beside the summary, and -E streams (one JSON document per run cannot).</summary>
    private static void Validate(SocketsOptions options)
    {
        if ((options.Kill || options.Events) && (options.Summary || options.Check))
        {
            throw new UsageException($"{(options.Kill ? "-K" : "-E")} lists sockets: it does not go with -s or --check");
        }

        if (options.Kill && options.Events)
        {
            throw new UsageException("-K and -E do not go together (run sockets -E in another terminal to watch what -K closes)");
        }

        if (options.Events && options.Json)
        {
            throw new UsageException("-E streams events until Ctrl-C: --json (one document per run) does not go with it");
        }

        if (options.Events && !options.Kinds.Any(k => k is SocketKind.Tcp or SocketKind.Udp))
        {
            throw new UsageException("-E reports TCP and UDP sockets only (the kernel announces no others): add -t or -u");
        }
    }

    /// <summary>ss -K: the matching sockets closed, and listed as ss lists them.</summary>
    private static async Task<int> KillAsync(SocketsEngine engine, SocketsOptions options, CliOutput output, CancellationToken cancellation)
    {
        var result = await engine.KillAsync(Request(options), cancellation).ConfigureAwait(false);
        using var devices = engine.DeviceNames();
        if (options.Json)
        {
            JsonOutput.Write(output.Out, new SocketsDocument([.. result.Killed.Select(s => SocketJsonMapper.ToJson(s, null, devices.Find(s.InterfaceIndex)))]));
        }
        else
        {
            var writer = new SsListingWriter(output.Out, Layout(engine, options));
            if (!options.NoHeader)
            {
                writer.WriteHeader();
            }

            foreach (var socket in result.Killed)
            {
                writer.Write(socket, null, devices.Find(socket.InterfaceIndex));
            }

            writer.Complete();
        }

        if (result.Interrupted)
        {
            output.Error.WriteLine("Dump was interrupted and may be inconsistent.");
        }

        if (result.NotSupported)
        {
            output.Error.WriteLine("netlens: error: the kernel cannot close sockets: SOCK_DESTROY answered EOPNOTSUPP (it needs a kernel built with CONFIG_INET_DIAG_DESTROY=y)");
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// ss -E: a header, then each destroyed socket on its own line as the kernel reports it, until Ctrl-C. The header
    /// comes once the groups are joined, so a script that waits for it misses no socket closed after it.
    /// </summary>
    private static int FollowDestroyed(SocketsEngine engine, SocketsOptions options, CliOutput output, CancellationToken cancellation)
    {
        var layout = Layout(engine, options);
        using var devices = engine.DeviceNames();
        void Listening()
        {
            if (!options.NoHeader)
            {
                var header = new SsListingWriter(output.Out, layout);
                header.WriteHeader();
                header.Complete();
            }

            output.Out.Flush();
        }

        foreach (var socket in engine.DestroyedSockets(Request(options), Listening, cancellation))
        {
            if (socket is null)
            {
                output.Error.WriteLine("netlens: the kernel dropped destroy events (receive buffer overrun): some sockets went unreported");
                continue;
            }

            // each event is a table of one line: it is printed as it comes, never held back for the widths
            var line = new SsListingWriter(output.Out, layout);
            line.Write(socket, null, devices.Find(socket.InterfaceIndex));
            line.Complete();
            output.Out.Flush();
        }

        return ExitCodes.Success;
    }

    private static SocketListRequest Request(SocketsOptions options)
    {
        var details = (options.Info ? SocketDetails.TcpInfo : SocketDetails.None) | (options.Memory ? SocketDetails.Memory : SocketDetails.None);
        return new SocketListRequest(options.Kinds, options.States, options.Family, details, options.Filter, Owners: options.Processes);
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
        // owners and JSON need every socket first; the plain listing streams as the kernel answers
        var collect = options.Processes || options.Json;
        var request = Request(options);
        using var devices = engine.DeviceNames();
        var layout = Layout(engine, options);
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

    private static SsListingLayout Layout(SocketsEngine engine, SocketsOptions options)
    {
        var kinds = options.Kinds;
        return new SsListingLayout
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
            OneLine = options.OneLine,
            ServiceName = options.Numeric ? null : ServiceNameOutside(engine.EphemeralRange()),
            ProcessName = options.Numeric ? null : pid => ProcessStatNames.Find(pid),
            HostName = options.Resolve ? engine.HostNames().Find : null,
        };
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
