using NetLens.Core.Firewall.Spec;

namespace NetLens.Core.Services;

/// <summary>What --name does to the services file: the lines to add on open, or to remove on close.</summary>
public sealed record ServiceNaming(IReadOnlyList<string> Added, IReadOnlyList<ServiceEntry> Removed, IReadOnlyList<ServiceEntry> AlreadyPresent)
{
    public static ServiceNaming None { get; } = new([], [], []);

    public bool Changes => Added.Count > 0 || Removed.Count > 0;

    /// <summary>
    /// `--name NAME` on open: one line per protocol, unless the file already says exactly that. A name bound to another
    /// port or protocol is refused: getservbyname would answer with the old binding and the new line would mislead.
    /// </summary>
    public static ServiceNaming PlanOpen(ServicesTable table, string name, string servicesPath, ResolvedPorts ports)
    {
        if (!FirewallPortSpec.IsServiceWord(name) || char.IsAsciiDigit(name[0]))
        {
            throw new ServiceNameException(name, ServiceNameProblem.NotAName, "a service name is letters, digits, '-', '_' or '.', not starting with a digit");
        }

        if (ports.Groups.Count == 0 || ports.Groups.Any(g => g.Ranges.Count != 1 || !g.Ranges[0].IsSingle) || ports.Groups.Select(g => g.Ranges[0].Low).Distinct().Count() != 1)
        {
            throw new ServiceNameException(name, ServiceNameProblem.NotOnePort, "a services name stands for one port; open lists and ranges without a name");
        }

        var port = ports.Groups[0].Ranges[0].Low;
        var existing = table.Named(name);
        var added = new List<string>();
        var present = new List<ServiceEntry>();
        foreach (var protocol in ports.Groups.Select(g => g.Protocol))
        {
            var same = existing.FirstOrDefault(e => e.Port == port && e.KnownProtocol == protocol);
            if (same is not null)
            {
                present.Add(same);
                continue;
            }

            // no line says name = port/protocol, so any line with this name binds it elsewhere
            var other = existing.FirstOrDefault();
            if (other is not null)
            {
                throw new ServiceNameException(name, ServiceNameProblem.AlreadyBound, $"{servicesPath} line {other.Line + 1} already binds {name} to {other.PortText}; choose another name or port");
            }

            added.Add(ServicesTable.LineFor(name, port, protocol));
        }

        return new ServiceNaming(added, [], present);
    }

    /// <summary>`--name NAME` on close: the lines netlens added for this name and these ports; lines it did not add stay.</summary>
    public static ServiceNaming PlanClose(ServicesTable table, string name, ResolvedPorts ports)
    {
        var removed = table.Named(name)
            .Where(e => e.AddedByNetlens && ports.Groups.Any(g => g.Protocol == e.KnownProtocol && g.Ranges.Any(r => r.Low <= e.Port && e.Port <= r.High)))
            .ToList();
        return new ServiceNaming([], removed, []);
    }
}
