using System.CommandLine;
using NetLens.Cli.Hosting;

namespace NetLens.Cli.Commands.Port;

/// <summary>`netlens port open|close|check|test|listen`: the sheet's "open up a port" step, done safely and proven.</summary>
public static class PortCommand
{
    public static Command Create(CliOutput output)
    {
        var command = new Command("port", "Open, check, test and close a port in the firewall — idempotent, atomic, and proven by traffic");
        // Each subcommand lives in a file of its own and is added here.
        command.Subcommands.Add(PortOpenCommand.Create(output));
        command.Subcommands.Add(PortCloseCommand.Create(output));
        command.Subcommands.Add(PortCheckCommand.Create(output));
        command.Subcommands.Add(PortTestCommand.Create(output));
        command.Subcommands.Add(PortListenCommand.Create(output));
        return command;
    }
}
