using NetLens.Cli.Hosting;
using NetLens.Core.Services;

namespace NetLens.Cli.Commands.Port;

/// <summary>Binds the closing and has the port engine remove the rules `open` added for the same SPEC and options (by their comment), and the services line.</summary>
public static class PortCloseHandler
{
    public static Task<int> RunAsync(PortChangeOptions options, CliOutput output)
    {
        var request = PortChangeRequest.From(options);
        var naming = options.Name is { } name ? ServiceNaming.PlanClose(request.Services, name, request.Ports) : ServiceNaming.None;
        return PortChangeHandler.RunAsync(request, naming, (engine, change, recovered, cancel) => engine.CloseAsync(change, recovered, cancel), output);
    }
}
