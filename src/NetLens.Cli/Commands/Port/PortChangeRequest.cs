using System.Net;
using NetLens.Core;
using NetLens.Core.Addressing;
using NetLens.Core.Firewall.Planning;
using NetLens.Core.Firewall.Spec;
using NetLens.Core.Services;
using NetLens.Engines.Context;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Services;

namespace NetLens.Cli.Commands.Port;

/// <summary>The checked request both open and close start from: ports, rules, the services file. All usage errors surface here, before anything is read or changed.</summary>
internal sealed record PortChangeRequest(
    PortChangeOptions Options,
    ResolvedPorts Ports,
    IReadOnlyList<PortRule> Rules,
    IPAddress? Peer,
    ServicesTable Services)
{
    public static PortChangeRequest From(PortChangeOptions options)
    {
        var icmp = IcmpSpec.TryParse(options.Spec);
        var spec = icmp is null ? FirewallPortSpec.Parse(options.Spec) : null;
        if (icmp is not null && options.Name is not null)
        {
            throw new UsageException($"--name: {icmp.Text} has no port to name in the services file");
        }
        IpPrefix? from = null;
        string? device = null;
        if (options.From is { } fromText)
        {
            var (prefixText, zoned) = SplitZone(fromText);
            from = IpPrefix.TryParse(prefixText, out var prefix) ? Canonical(prefix) : throw new UsageException($"--from {fromText}: not an address or CIDR");
            device = zoned is null ? null : AddressZone.Resolve(zoned, NetworkContext.For(options.Netns))!.Name;
            if (options.Direction == PortDirection.Out)
            {
                throw new UsageException("--from names where input comes from; with --direction out use --peer ADDR");
            }
        }

        IPAddress? peer = null;
        if (options.Peer is { } peerText)
        {
            peer = IPAddress.TryParse(peerText, out var address) ? address : throw new UsageException($"--peer {peerText}: not an address");
            if (from is not null)
            {
                throw new UsageException("--from and --peer both name the other side: give one");
            }
        }

        if (options.Persist && !Path.IsPathRooted(options.PersistRoot))
        {
            throw new UsageException($"--persist-root {options.PersistRoot}: give an absolute directory");
        }

        var services = ServicesFile.Read(options.ServicesFile);
        var ports = icmp?.Resolved() ?? PortSpecResolver.Resolve(spec!, services, options.ServicesFile);
        var remote = from ?? (peer is null ? null : IpPrefix.Host(peer));
        return new PortChangeRequest(options, ports, PortRule.For(ports, options.Direction, remote, device), peer, services);
    }

    /// <summary>
    /// "fe80::1%eth0" or "fe80::/64%eth0" → the prefix without the zone, and "fe80::1%eth0" for the zone's lookup; no
    /// zone → the text as is and null.
    /// </summary>
    private static (string Prefix, string? Zoned) SplitZone(string text)
    {
        var percent = text.IndexOf('%', StringComparison.Ordinal);
        if (percent < 0)
        {
            return (text, null);
        }

        var slash = text.IndexOf('/', percent);
        var zone = slash < 0 ? text[(percent + 1)..] : text[(percent + 1)..slash];
        var address = text[..percent];
        var length = slash < 0 ? string.Empty : text[slash..];
        var addressOnly = address.Split('/')[0];
        return (address + length, $"{addressOnly}%{zone}");
    }

    /// <summary>198.18.0.7/24 → 198.18.0.0/24: the form nft and iptables print back, so comments match next time.</summary>
    private static IpPrefix Canonical(IpPrefix prefix)
    {
        var bytes = prefix.Address.GetAddressBytes();
        for (var bit = prefix.Length; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IpPrefix(new IPAddress(bytes), prefix.Length);
    }
}
