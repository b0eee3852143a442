using System.CommandLine;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Completion;

namespace NetLens.Cli.Commands.Completion;

/// <summary>
/// `netlens completion bash|zsh|fish`: the shell's completion script, written from the command tree; and the hidden
/// `netlens completion values KIND` the scripts call at TAB for the names this host has.
/// </summary>
public static class CompletionCommand
{
    private static readonly Argument<string> Shell = new Argument<string>("shell") { Description = "The shell: bash, zsh or fish" }
        .AcceptOnlyFromAmong("bash", "zsh", "fish");

    private static readonly Argument<string> Kind = new Argument<string>("kind") { Description = "namespaces, interfaces, addresses or services" }
        .AcceptOnlyFromAmong("namespaces", "interfaces", "addresses", "services");

    public static Command Create(CliOutput output)
    {
        var command = new Command("completion", "Print the shell completion script (bash, zsh, fish): commands, options, and this host's namespaces, interfaces, addresses and service names");
        command.Arguments.Add(Shell);
        command.SetAction(parse => Write(parse, output));

        var values = new Command("values", "The names a completion offers, one per line") { Hidden = true };
        values.Arguments.Add(Kind);
        values.SetAction(parse => CompletionValuesHandler.Run(parse.GetRequiredValue(Kind), parse.GetValue(GlobalOptions.Netns), output));
        command.Subcommands.Add(values);
        return command;
    }

    private static int Write(ParseResult parse, CliOutput output)
    {
        var tree = CommandNode.Walk(parse.RootCommandResult.Command);
        var version = NetLensVersionAction.Version;
        output.Out.Write(parse.GetRequiredValue(Shell) switch
        {
            "bash" => BashCompletionWriter.Write(tree, version),
            "zsh" => ZshCompletionWriter.Write(tree, version),
            // the argument accepts only the three
            _ => FishCompletionWriter.Write(tree, version),
        });
        return ExitCodes.Success;
    }
}
