using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetLens.Serve.Config;
using NetLens.Serve.Exposition;

namespace NetLens.Serve.Probing;

/// <summary>
/// Picks the address a probe goes to as blackbox's chooseProtocol does: the preferred family's first address; with
/// fallback, any family's when the preferred has none; without, the preferred family or nothing. Registers
/// probe_ip_protocol, probe_ip_addr_hash (FNV-1a 32 of the address bytes) and probe_dns_lookup_time_seconds.
/// </summary>
public static class AddressChoice
{
    public static async Task<(IPAddress? Address, double LookupSeconds)> ChooseAsync(string host, IpChoice choice, MetricSet metrics, ProbeLog log, CancellationToken cancellation)
    {
        var protocol = metrics.Gauge("probe_ip_protocol", "Specifies whether probe ip protocol is IP4 or IP6").Set(0);
        var lookup = metrics.Gauge("probe_dns_lookup_time_seconds", "Returns the time taken for probe dns lookup in seconds").Set(0);
        var hash = metrics.Gauge("probe_ip_addr_hash", "Specifies the hash of IP address. It's useful to detect if the IP address changes.").Set(0);
        var preferred = choice.PreferredProtocol == "ip4" ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        log.Info("Resolving target address", ("target", host), ("ip_protocol", choice.PreferredProtocol));
        var start = Stopwatch.GetTimestamp();
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellation).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            log.Error("Resolution with IP protocol failed", ("target", host), ("err", e.Message));
            lookup.Set(Stopwatch.GetElapsedTime(start).TotalSeconds);
            return (null, 0);
        }

        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == preferred) ?? (choice.Fallback ? addresses.FirstOrDefault() : null);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        lookup.Set(seconds);
        if (chosen is null)
        {
            log.Error("Resolution with IP protocol failed", ("target", host), ("ip_protocol", choice.PreferredProtocol), ("err", "no address of that family"));
            return (null, 0);
        }

        log.Info("Resolved target address", ("target", host), ("ip", chosen));
        protocol.Set(chosen.AddressFamily == AddressFamily.InterNetwork ? 4 : 6);
        hash.Set(Fnv1a32(chosen));
        return (chosen, seconds);
    }

    /// <summary>FNV-1a, 32 bits, over the 4 bytes of an IPv4 address or the 16 of an IPv6 one (Go's hash/fnv New32a).</summary>
    internal static uint Fnv1a32(IPAddress address)
    {
        var hash = 2166136261u;
        foreach (var b in address.GetAddressBytes())
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
