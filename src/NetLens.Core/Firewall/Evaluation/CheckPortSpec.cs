using System.Globalization;

namespace NetLens.Core.Firewall.Evaluation;

/// <summary>
/// `port check`'s SPEC: "8472/udp", "8472", "ssh", "ssh/tcp". Without a protocol the services file's protocols for the
/// port are checked, else TCP. (A stand-in for the full SPEC parser of `port open`, to be unified with it.)
/// </summary>
public sealed record CheckPortSpec(int Port, IReadOnlyList<int> Protocols, string? ServiceName)
{
    /// <param name="spec">What the user typed.</param>
    /// <param name="findService">Service name → its (port, protocol) entries; empty when unknown.</param>
    /// <param name="protocolsOf">Port → the protocols the services file lists for it.</param>
    public static CheckPortSpec Parse(string spec, Func<string, IReadOnlyList<(int Port, string Protocol)>> findService, Func<int, IReadOnlyList<string>> protocolsOf)
    {
        var text = spec.Trim();
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var portText = slash < 0 ? text : text[..slash];
        var protocolText = slash < 0 ? null : text[(slash + 1)..].ToLowerInvariant();
        if (portText.Length == 0)
        {
            throw new UsageException($"'{spec}' names no port (expected PORT[/tcp|udp] or a service name)");
        }

        int? protocol = protocolText switch
        {
            null => null,
            "tcp" => PacketQuery.Tcp,
            "udp" => PacketQuery.Udp,
            _ => throw new UsageException($"'{spec}': protocol '{protocolText}' is not tcp or udp"),
        };

        if (int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            if (port is < 1 or > 65535)
            {
                throw new UsageException($"'{spec}': port {port} is outside 1-65535");
            }

            return new CheckPortSpec(port, protocol is { } p ? [p] : Known(protocolsOf(port)) is { Count: > 0 } known ? known : [PacketQuery.Tcp], null);
        }

        var entries = findService(portText).Where(e => protocol is null || Number(e.Protocol) == protocol).ToList();
        if (entries.Count == 0)
        {
            throw new UsageException(protocol is null
                ? $"'{portText}' is neither a port number nor a service name in the services file"
                : $"service '{portText}' has no {protocolText} entry in the services file");
        }

        var servicePort = entries[0].Port;
        var protocols = protocol is { } only ? [only] : Known(entries.Where(e => e.Port == servicePort).Select(e => e.Protocol).ToList());
        return new CheckPortSpec(servicePort, protocols.Count > 0 ? protocols : [PacketQuery.Tcp], portText);
    }

    private static List<int> Known(IReadOnlyList<string> names) =>
        [.. names.Select(Number).OfType<int>().Distinct().Order()];

    private static int? Number(string name) => name.ToLowerInvariant() switch
    {
        "tcp" => PacketQuery.Tcp,
        "udp" => PacketQuery.Udp,
        _ => null,
    };
}
