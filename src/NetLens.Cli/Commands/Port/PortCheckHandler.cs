using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Port;
using NetLens.Engines.Port;
using NetLens.Linux.Namespaces;

namespace NetLens.Cli.Commands.Port;

/// <summary>Binds `port check` to the port check engine and says who decides.</summary>
public static class PortCheckHandler
{
    public static async Task<int> RunAsync(PortCheckOptions options, CliOutput output)
    {
        var engine = new PortCheckEngine(NetworkContext.For(options.Netns));
        var request = new PortCheckRequest(options.Spec, options.From, options.To, options.InputInterface, options.RulesetFile, options.ServicesFile, options.Direction, options.OutputInterface);
        var report = await engine.CheckAsync(request, output.Interruption.Token).ConfigureAwait(false);
        foreach (var warning in report.Spec.Warnings)
        {
            output.Error.WriteLine($"netlens: warning: {warning}");
        }

        if (options.Json)
        {
            CheckJsonWriter.Write(output.Out, report);
        }
        else
        {
            CheckTextWriter.Write(output.Out, report, options.Verbose);
        }

        return report.Accepted ? ExitCodes.Success : ExitCodes.Failure;
    }
}
