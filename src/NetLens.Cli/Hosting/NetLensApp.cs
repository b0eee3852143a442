using System.CommandLine;
using NetLens.Cli.Commands.Routing;
using NetLens.Cli.Parsing;
using NetLens.Core;
using NetLens.Linux.Netlink;
using NetLens.Linux.Processes;

namespace NetLens.Cli.Hosting;

/// <summary>Builds the command tree, parses, runs, and turns failures into one line and an exit code.</summary>
public static class NetLensApp
{
    public static int Run(string[] args, CliOutput output)
    {
        var root = BuildRoot(output);

        // ip's spelling of a route question (r g ADDR from X mark Y) is netlens's too
        args = IpSpelling.Rewrite(args);

        // Bare `netlens` is a request for orientation, not an error.
        var parse = root.Parse(args.Length == 0 ? ["--help"] : args);
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine would print help and exit 1; the convention is one line and exit 2.
            output.Error.WriteLine($"netlens: error: {ParseErrorAdvice.Describe(parse, OneLine(OptionChecks.Describe(parse.Errors[0])))}");
            return ExitCodes.BadUsage;
        }

        var debug = parse.GetValue(GlobalOptions.Debug);
        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = output.Out,
                Error = output.Error,
                EnableDefaultExceptionHandler = false,

                // SIGINT/SIGTERM are the command's own (CliOutput.Interruption): it stops at the token and writes what it gathered
                ProcessTerminationTimeout = null,
            });
        }
        catch (UsageException e)
        {
            return Fail(output, e, debug, e.Message, ExitCodes.BadUsage);
        }
        catch (MissingPrivilegeException e)
        {
            return Fail(output, e, debug, $"{e.Message} ({e.Fix})", ExitCodes.MissingPrivilege);
        }
        catch (NetlinkException e) when (e.Errno is 1 or 13)
        {
            return Fail(output, e, debug, $"{e.Message} (run as root, or grant CAP_NET_ADMIN: sudo setcap cap_net_admin+ep \"$(command -v netlens)\")", ExitCodes.MissingPrivilege);
        }
        catch (NetlinkException e)
        {
            return Fail(output, e, debug, $"the kernel refused the request: {e.Message}", ExitCodes.Failure);
        }
        catch (IOException e) when (e is not (BrokenPipeException or OutputFailedException))
        {
            return Fail(output, e, debug, e.Message, ExitCodes.Failure);
        }
        catch (Exception e) when (!debug && e is not (BrokenPipeException or OutputFailedException))
        {
            return Fail(output, e, debug, $"{e.Message} (rerun with --debug for details)", ExitCodes.Failure);
        }
    }

    private const int MaxMessage = 600;

    /// <summary>System.CommandLine lists alternatives on lines of their own; an error is one line here.</summary>
    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static int Fail(CliOutput output, Exception e, bool debug, string message, int code)
    {
        output.Out.Flush();
        // Messages carry the user's words; whatever a parser forgot to quote, no control byte reaches the terminal.
        output.Error.WriteLine($"netlens: error: {InputText.Escape(message, MaxMessage)}");
        if (debug)
        {
            output.Error.WriteLine(e.ToString());
        }

        return code;
    }

    internal static RootCommand BuildRoot(CliOutput output)
    {
        var root = new RootCommand("netlens: which way a packet goes, what routes exist and who put them there — and why.");
        root.Options.Add(GlobalOptions.Json);
        root.Options.Add(GlobalOptions.Netns);
        root.Options.Add(GlobalOptions.Verbose);
        root.Options.Add(GlobalOptions.Debug);
        foreach (var version in root.Options.OfType<VersionOption>())
        {
            // The default prints the entry assembly's version, which is the test host's when hosted in tests.
            version.Action = new NetLensVersionAction(output);
        }

        root.Subcommands.Add(RoutesCommand.Create(output));
        root.Subcommands.Add(RouteCommand.Create(output));
        root.Subcommands.Add(Commands.Sockets.SocketsCommand.Create(output));
        root.Subcommands.Add(Commands.Scan.ScanCommand.Create(output));
        root.Subcommands.Add(Commands.Trace.TraceCommand.Create(output));
        root.Subcommands.Add(Commands.Port.PortCommand.Create(output));
        root.Subcommands.Add(Commands.Doctor.DoctorCommand.Create(output));
        root.Subcommands.Add(Commands.Completion.CompletionCommand.Create(output));
        root.Subcommands.Add(Commands.Manual.ManCommand.Create(output));
        root.Subcommands.Add(Commands.Serve.ServeCommand.Create(output));
        OptionChecks.AddTo(root);
        return root;
    }
}
