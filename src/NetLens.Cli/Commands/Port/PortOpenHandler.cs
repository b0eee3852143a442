using NetLens.Cli.Hosting;
using NetLens.Core.Services;

namespace NetLens.Cli.Commands.Port;

/// <summary>Binds the opening (ports, rules, services line, the peer) and has the port engine plan it, then apply it unless --dry-run.</summary>
public static class PortOpenHandler
{
    public static Task<int> RunAsync(PortChangeOptions options, CliOutput output)
    {
        var request = PortChangeRequest.From(options);
        var naming = options.Name is { } name ? ServiceNameWords.PlanOpen(request.Services, name, options.ServicesFile, request.Ports) : ServiceNaming.None;
        return PortChangeHandler.RunAsync(request, naming, (engine, change, recovered, cancel) => engine.OpenAsync(change, recovered, cancel), output);
    }
}
