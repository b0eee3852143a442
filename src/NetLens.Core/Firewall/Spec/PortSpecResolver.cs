using NetLens.Core.Services;

namespace NetLens.Core.Firewall.Spec;

/// <summary>Settles a SPEC's protocol and ports against the services file, and warns where the two disagree.</summary>
public static class PortSpecResolver
{
    /// <summary>
    /// <paramref name="unnamedPortProtocol"/>: for a bare port the services file does not name, null asks the user (a
    /// change must not guess), else the protocol taken.
    /// </summary>
    public static ResolvedPorts Resolve(FirewallPortSpec spec, ServicesTable services, string servicesPath, FirewallProtocol? unnamedPortProtocol = null)
    {
        var warnings = new List<string>();
        if (spec.ServiceName is { } name)
        {
            return ResolveName(spec, name, services, servicesPath, warnings);
        }

        if (spec.Protocol is { } asked)
        {
            WarnOnOtherProtocol(spec, asked, services, servicesPath, warnings);
            return new ResolvedPorts([new PortGroup(asked, spec.Ranges)], warnings);
        }

        // no protocol: each port takes the protocols the services file lists for it, else the user must say
        var byProtocol = new Dictionary<FirewallProtocol, List<PortRange>>();
        foreach (var range in spec.Ranges)
        {
            if (!range.IsSingle)
            {
                throw Ask(spec, $"{range} is a range");
            }

            var known = services.ForPort(range.Low).Select(e => e.KnownProtocol!.Value).Distinct().ToList();
            if (known.Count == 0)
            {
                known = unnamedPortProtocol is { } taken ? [taken] : throw Ask(spec, $"{servicesPath} does not name port {range.Low}");
            }

            foreach (var protocol in known)
            {
                (byProtocol.TryGetValue(protocol, out var list) ? list : byProtocol[protocol] = []).Add(range);
            }
        }

        var groups = byProtocol.OrderBy(p => p.Key).Select(p => new PortGroup(p.Key, PortRange.Normalize(p.Value))).ToList();
        return new ResolvedPorts(groups, warnings);
    }

    private static ResolvedPorts ResolveName(FirewallPortSpec spec, string name, ServicesTable services, string servicesPath, List<string> warnings)
    {
        var entries = services.Named(name).Where(e => e.KnownProtocol is not null).ToList();
        if (entries.Count == 0)
        {
            throw new UsageException($"port SPEC {spec.Text}: {servicesPath} has no service '{name}' with tcp or udp (give the port: {name} is PORT/PROTO)");
        }

        // the file is not checked when read: a line like "otv 99999/tcp" would pass --dry-run and fail the real run
        if (entries.FirstOrDefault(e => e.Port is < 1 or > PortRange.MaxPort) is { } bad)
        {
            throw new UsageException($"port SPEC {spec.Text}: {servicesPath} line {bad.Line + 1} gives {name} the port {bad.Port}, which is not a port (1-65535); fix that line or give the port");
        }

        if (spec.Protocol is { } asked)
        {
            var match = entries.FirstOrDefault(e => e.KnownProtocol == asked);
            if (match is null)
            {
                // the sheet's bug: the service is known for the other protocol
                var other = entries[0];
                warnings.Add($"{name} is {other.PortText} in {servicesPath}, not {asked.Word()}: opening {other.Port}/{asked.Word()} as asked; did you mean {other.PortText}?");
                return new ResolvedPorts([new PortGroup(asked, [new PortRange(other.Port, other.Port)])], warnings);
            }

            return new ResolvedPorts([new PortGroup(asked, [new PortRange(match.Port, match.Port)])], warnings);
        }

        var groups = entries
            .GroupBy(e => e.KnownProtocol!.Value)
            .OrderBy(g => g.Key)
            .Select(g => new PortGroup(g.Key, [new PortRange(g.First().Port, g.First().Port)]))
            .ToList();
        return new ResolvedPorts(groups, warnings);
    }

    private static void WarnOnOtherProtocol(FirewallPortSpec spec, FirewallProtocol asked, ServicesTable services, string servicesPath, List<string> warnings)
    {
        foreach (var range in spec.Ranges.Where(r => r.IsSingle))
        {
            var known = services.ForPort(range.Low);
            if (known.Count > 0 && known.All(e => e.KnownProtocol != asked))
            {
                var entry = known[0];
                warnings.Add($"port {range.Low} is {entry.Name} {entry.PortText} in {servicesPath}, not {asked.Word()}: opening {range.Low}/{asked.Word()} as asked; did you mean {entry.PortText}?");
            }
        }
    }

    private static UsageException Ask(FirewallPortSpec spec, string why) =>
        new($"port SPEC {spec.Text}: no protocol given and {why}; say {spec.Text}/tcp or {spec.Text}/udp");
}
