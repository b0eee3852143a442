using System.Globalization;

namespace NetLens.Core.Firewall.Spec;

/// <summary>
/// A port SPEC as the user wrote it: ports ("8472", "80,443", "10000-10999") or a service name ("otv"), and the protocol
/// when given ("/udp"). Pure syntax: which protocol a bare port means is settled later against the services file.
/// </summary>
public sealed record FirewallPortSpec
{
    /// <summary>The text as given, for messages.</summary>
    public required string Text { get; init; }

    /// <summary>The ports, normalized; empty when the SPEC is a service name.</summary>
    public IReadOnlyList<PortRange> Ranges { get; init; } = [];

    /// <summary>The service name when the SPEC names one instead of ports.</summary>
    public string? ServiceName { get; init; }

    /// <summary>The protocol after the slash; null when the SPEC has none.</summary>
    public FirewallProtocol? Protocol { get; init; }

    public bool IsServiceName => ServiceName is not null;

    public static FirewallPortSpec Parse(string text)
    {
        var spec = text.Trim();
        if (spec.Length == 0)
        {
            throw new UsageException("empty port SPEC (write it like 8472/udp, 80,443/tcp, 10000-10999/tcp or a service name)");
        }

        FirewallProtocol? protocol = null;
        var slash = spec.LastIndexOf('/');
        var ports = spec;
        if (slash >= 0)
        {
            protocol = FirewallProtocolWords.Parse(spec[(slash + 1)..])
                ?? throw new UsageException($"port SPEC {text}: '{spec[(slash + 1)..]}' is not a protocol (tcp or udp)");
            ports = spec[..slash];
        }

        if (ports.Length == 0)
        {
            throw new UsageException($"port SPEC {text}: no port before the protocol");
        }

        if (!char.IsAsciiDigit(ports[0]))
        {
            return IsServiceWord(ports)
                ? new FirewallPortSpec { Text = text, ServiceName = ports, Protocol = protocol }
                : throw new UsageException($"port SPEC {text}: '{ports}' is neither ports (80,443 or 10000-10999) nor a service name");
        }

        var ranges = new List<PortRange>();
        foreach (var item in ports.Split(','))
        {
            ranges.Add(ParseItem(item, text));
        }

        return new FirewallPortSpec { Text = text, Ranges = PortRange.Normalize(ranges), Protocol = protocol };
    }

    private static PortRange ParseItem(string item, string text)
    {
        if (item.Length == 0)
        {
            throw new UsageException($"port SPEC {text}: empty item in the list");
        }

        var dash = item.IndexOf('-', StringComparison.Ordinal);
        var low = Port(dash < 0 ? item : item[..dash], text);
        var high = dash < 0 ? low : Port(item[(dash + 1)..], text);
        return low <= high ? new PortRange(low, high) : throw new UsageException($"port SPEC {text}: range {item} runs backwards");
    }

    // Port 0 cannot be opened: no packet carries it as a destination port.
    private static int Port(string digits, string text) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= PortRange.MaxPort
            ? port
            : throw new UsageException($"port SPEC {text}: '{digits}' is not a port (1-65535)");

    /// <summary>Service names in /etc/services: letters, digits, '-', '_', '.', '+' (IANA names are stricter).</summary>
    internal static bool IsServiceWord(string word) =>
        word.Length is > 0 and <= 64 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '+');
}
