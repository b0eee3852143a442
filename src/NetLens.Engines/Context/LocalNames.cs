using System.Net.Sockets;
using NetLens.Core.Services;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Routing;

namespace NetLens.Engines.Context;

/// <summary>
/// The names a shell offers while the user types a command line (completions): the namespaces `ip netns` made, and
/// the interfaces and addresses of the namespace the line is about, asked of rtnetlink as every other answer is.
/// </summary>
public sealed class LocalNames(NetworkContext context)
{
    private const string NamedNamespaces = "/run/netns";

    public static IReadOnlyList<string> Namespaces() =>
        Directory.Exists(NamedNamespaces)
            ? [.. Directory.EnumerateFileSystemEntries(NamedNamespaces).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
            : [];

    public IReadOnlyList<string> Interfaces() => context.Run(() =>
    {
        using var netlink = RouteNetlink.Open();
        return (IReadOnlyList<string>)[.. netlink.DumpLinks().Select(l => l.Name).Order(StringComparer.Ordinal)];
    });

    /// <summary>Every address of every interface; a link-local one carries its zone (fe80::1%eth0), as netlens reads it.</summary>
    public IReadOnlyList<string> Addresses() => context.Run(() =>
    {
        using var netlink = RouteNetlink.Open();
        var names = netlink.DumpLinks().ToDictionary(l => l.Index, l => l.Name);
        return (IReadOnlyList<string>)[.. new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 }
            .SelectMany(netlink.DumpAddresses)
            .Select(a => a.Local.IsIPv6LinkLocal && names.TryGetValue(a.InterfaceIndex, out var name) ? $"{a.Local}%{name}" : a.Local.ToString())
            .Distinct(StringComparer.Ordinal)];
    });

    /// <summary>Service names of a services file, each once, with its protocols as `port open` takes them (ssh, ssh/tcp).</summary>
    public static IReadOnlyList<string> Services(ServicesTable services) =>
        [.. services.Entries
            .Where(e => e.KnownProtocol is not null)
            .SelectMany(e => new[] { e.Name, $"{e.Name}/{e.Protocol}" })
            .Distinct(StringComparer.Ordinal)];
}
