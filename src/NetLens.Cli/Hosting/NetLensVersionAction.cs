using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace NetLens.Cli.Hosting;

/// <summary>`netlens --version`: this assembly's informational version (version+commit).</summary>
public sealed class NetLensVersionAction(CliOutput output) : SynchronousCommandLineAction
{
    public static string Version { get; } =
        typeof(NetLensVersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public override int Invoke(ParseResult parseResult)
    {
        output.Out.WriteLine(Version);
        return ExitCodes.Success;
    }
}
