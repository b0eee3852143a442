using NetLens.Cli.Hosting;
using NetLens.Core.Firewall.Planning;
using NetLens.Core.Services;

namespace NetLens.Cli.Commands.Port;

/// <summary>Finds the rules `open` added for the same SPEC and options (by their comment) and removes them, and the services line.</summary>
public static class PortCloseHandler
{
    public static int Run(PortChangeOptions options, CliOutput output)
    {
        var request = PortChangeRequest.From(options);
        var naming = options.Name is { } name ? ServiceNaming.PlanClose(request.Services, name, request.Ports) : ServiceNaming.None;

        // closing names the same port again: a protocol warning was said at open time
        return PortChangeRunner.Run("close", request, naming, FirewallPlanner.PlanClose, null, [], output);
    }
}
