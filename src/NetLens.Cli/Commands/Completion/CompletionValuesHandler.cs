using NetLens.Cli.Hosting;
using NetLens.Engines.Context;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Services;

namespace NetLens.Cli.Commands.Completion;

/// <summary>Lists one kind of name for a completion script, one per line; a namespace that cannot be entered lists nothing.</summary>
public static class CompletionValuesHandler
{
    public static int Run(string kind, string? netns, CliOutput output)
    {
        var names = new LocalNames(NetworkContext.For(netns));
        IReadOnlyList<string> words = kind switch
        {
            "namespaces" => LocalNames.Namespaces(),
            "interfaces" => names.Interfaces(),
            "addresses" => names.Addresses(),
            _ => LocalNames.Services(ServicesFile.System),
        };
        foreach (var word in words)
        {
            output.Out.WriteLine(word);
        }

        return ExitCodes.Success;
    }
}
