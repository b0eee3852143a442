using System.CommandLine;
using NetLens.Cli.Hosting;

namespace NetLens.Cli.Commands.Port;

/// <summary>`netlens port open SPEC`: accept the port where the packets meet the firewall — idempotent, atomic, reversible.</summary>
public static class PortOpenCommand
{
    public static Command Create(CliOutput output)
    {
        var command = new Command("open", "Open a port in the firewall: in every chain that could drop it, before the drop, in one transaction; a second call adds nothing");
        PortChangeCommand.AddTo(command);
        command.SetAction((parse, _) => PortOpenHandler.RunAsync(PortChangeCommand.Bind(parse), output));
        return command;
    }
}
