using System.Net;
using System.Net.Sockets;

namespace NetLens.Core.Routing.Checks;

/// <summary>
/// An address that stands for "the internet": no route longer than /1 covers it, so only default-like routes
/// answer for it. Documentation ranges, so a message never names a real host; nothing is ever sent to it.
/// </summary>
public static class GenericDestination
{
    private static readonly IPAddress[] Ipv4 = [IPAddress.Parse("192.0.2.1"), IPAddress.Parse("198.51.100.1"), IPAddress.Parse("203.0.113.1")];
    private static readonly IPAddress[] Ipv6 = [IPAddress.Parse("3fff::1"), IPAddress.Parse("2001:db8:ffff:ffff::1")];

    public static IPAddress Pick(CheckContext context, AddressFamily family)
    {
        var candidates = family == AddressFamily.InterNetworkV6 ? Ipv6 : Ipv4;
        var specific = context.RoutesOf(family).Where(r => r.Table != RouteTables.Local && r.Destination.Length > 1).ToList();
        return candidates.FirstOrDefault(a => !specific.Any(r => r.Destination.Contains(a))) ?? candidates[0];
    }
}
