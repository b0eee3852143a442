using NetLens.Cli.Hosting;
using NetLens.Core.Firewall.Planning;
using NetLens.Core.Services;
using NetLens.Linux.Firewall;

namespace NetLens.Cli.Commands.Port;

/// <summary>Plans the opening (rules, services line, the peer's half), then applies it unless --dry-run.</summary>
public static class PortOpenHandler
{
    public static int Run(PortChangeOptions options, CliOutput output)
    {
        var request = PortChangeRequest.From(options);
        var warnings = request.Ports.Warnings.ToList();
        var naming = options.Name is { } name ? ServiceNameWords.PlanOpen(request.Services, name, options.ServicesFile, request.Ports) : ServiceNaming.None;
        PeerPlan? peer = null;
        if (request.Peer is { } address)
        {
            var self = SourceAddress.Toward(address, options.Netns);
            if (self is null)
            {
                warnings.Add($"no route to the peer {address} from here: its half of the plan cannot name this host's address");
            }
            else
            {
                peer = PeerPlan.Build(address, self, request.Ports, options.Direction);
            }
        }

        return PortChangeRunner.Run("open", request, naming, FirewallPlanner.PlanOpen, peer, warnings, output);
    }
}
