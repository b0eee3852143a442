using System.Net;
using System.Net.Sockets;

namespace NetLens.Serve.Continuous;

/// <summary>
/// Turns listed targets into addresses: an address as is; `host:port` and `[v6]:port` (file_sd files written for
/// other exporters carry ports) lose the port, an echo has none; a name is resolved once, IPv4 first as ping does.
/// </summary>
public static class TargetResolution
{
    /// <summary>The target to probe, or null with the reason (an unresolvable name is logged and skipped, not fatal).</summary>
    public static ContinuousTarget? Resolve(string listed, Func<string, IPAddress[]> lookup, out string? failure)
    {
        failure = null;
        var host = HostPart(listed);
        if (IPAddress.TryParse(host, out var address))
        {
            return new ContinuousTarget(listed, address);
        }

        try
        {
            var addresses = lookup(host);
            var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            if (chosen is not null)
            {
                return new ContinuousTarget(listed, chosen);
            }

            failure = $"{listed}: the name has no address";
        }
        catch (SocketException e)
        {
            failure = $"{listed}: cannot resolve the name: {e.Message}";
        }
        catch (ArgumentException e)
        {
            failure = $"{listed}: not an address or a host name: {e.Message}";
        }

        return null;
    }

    /// <summary>The address or name without a trailing `:port`.</summary>
    public static string HostPart(string listed)
    {
        if (IPAddress.TryParse(listed, out _))
        {
            return listed;
        }

        if (listed.StartsWith('[') && listed.IndexOf(']') is var close and > 0)
        {
            return listed[1..close];
        }

        var colon = listed.LastIndexOf(':');
        return colon > 0 && int.TryParse(listed.AsSpan(colon + 1), out _) ? listed[..colon] : listed;
    }
}
