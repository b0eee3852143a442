using NetLens.Core;
using NetLens.Core.Services;

namespace NetLens.Cli.Commands.Port;

/// <summary>A refused services name worded by its option: "--name NAME: …", as the user typed it.</summary>
public static class ServiceNameWords
{
    public static UsageException Usage(ServiceNameException refused) => new(refused.Problem switch
    {
        ServiceNameProblem.NotOnePort => $"--name {refused.Name}: a services name stands for one port; open lists and ranges without --name",
        _ => $"--name {refused.Name}: {refused.Detail}",
    });

    /// <summary>The plan of `--name NAME` on open, a refusal worded by the option.</summary>
    public static ServiceNaming PlanOpen(ServicesTable table, string name, string servicesPath, Core.Firewall.Spec.ResolvedPorts ports)
    {
        try
        {
            return ServiceNaming.PlanOpen(table, name, servicesPath, ports);
        }
        catch (ServiceNameException refused)
        {
            throw Usage(refused);
        }
    }
}
