using System.CommandLine;
using NetLens.Cli.Hosting;

namespace NetLens.Cli.Commands.Port;

/// <summary>`netlens port close SPEC`: remove exactly what `port open SPEC` added, with the same options.</summary>
public static class PortCloseCommand
{
    public static Command Create(CliOutput output)
    {
        var command = new Command("close", "Remove the rules (and services line) `port open` added for SPEC with the same options; other rules are never touched");
        PortChangeCommand.AddTo(command);
        command.SetAction((parse, _) => PortCloseHandler.RunAsync(PortChangeCommand.Bind(parse), output));
        return command;
    }
}
