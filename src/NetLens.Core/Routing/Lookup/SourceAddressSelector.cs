using System.Net;
using System.Net.Sockets;
using NetLens.Core.Addressing;
using NetLens.Core.Links;

namespace NetLens.Core.Routing.Lookup;

/// <summary>The preferred source the kernel picks when a route has no prefsrc, where that choice is certain.</summary>
public sealed class SourceAddressSelector
{
    // IFA_F_* (include/uapi/linux/if_addr.h).
    private const uint Secondary = 0x01;
    private const uint Optimistic = 0x04;
    private const uint DadFailed = 0x08;
    private const uint HomeAddress = 0x10;
    private const uint Deprecated = 0x20;
    private const uint Tentative = 0x40;

    private readonly Dictionary<int, List<InterfaceAddress>> _ipv4ByInterface = [];
    private readonly Dictionary<int, List<InterfaceAddress>> _ipv6ByInterface = [];
    private readonly HashSet<IPAddress> _local = [];
    private readonly bool _anyHomeAddress;

    public SourceAddressSelector(IEnumerable<InterfaceAddress> addresses)
    {
        foreach (var address in addresses)
        {
            var byInterface = address.Family == AddressFamily.InterNetworkV6 ? _ipv6ByInterface : _ipv4ByInterface;
            if (!byInterface.TryGetValue(address.InterfaceIndex, out var list))
            {
                byInterface[address.InterfaceIndex] = list = [];
            }

            list.Add(address);
            _local.Add(address.Local);
            _anyHomeAddress |= (address.Flags & HomeAddress) != 0;
        }
    }

    /// <summary>True when the address is configured on some interface of the snapshot.</summary>
    public bool IsLocal(IPAddress address) => _local.Contains(address);

    /// <summary>
    /// inet_select_addr(dev, gateway, scope): the first primary address of the device whose scope is within the
    /// route's and whose subnet holds the gateway, else its first primary address of that scope; null when the
    /// device has none (the kernel then searches other devices: left to the kernel).
    /// </summary>
    public IPAddress? SelectIpv4(int interfaceIndex, IPAddress? gateway, RouteScope scope)
    {
        if (!_ipv4ByInterface.TryGetValue(interfaceIndex, out var addresses))
        {
            return null;
        }

        IPAddress? first = null;
        foreach (var address in addresses)
        {
            if ((address.Flags & Secondary) != 0 || address.Scope > (byte)scope)
            {
                continue;
            }

            if (gateway is null || new IpPrefix(address.Peer ?? address.Local, address.PrefixLength).Contains(gateway))
            {
                return address.Local;
            }

            first ??= address.Local;
        }

        return first;
    }

    /// <summary>
    /// RFC 6724 for a global destination, decided only where it is certain: the output device has exactly one
    /// usable global address, not deprecated, and no home addresses exist (rules 1–4 tie, rule 5 picks it).
    /// Null otherwise (ask the kernel).
    /// </summary>
    public IPAddress? SelectIpv6(int interfaceIndex, IPAddress destination)
    {
        if (_anyHomeAddress || _local.Contains(destination) || !_ipv6ByInterface.TryGetValue(interfaceIndex, out var addresses))
        {
            return null;
        }

        InterfaceAddress? only = null;
        foreach (var address in addresses)
        {
            var unusable = (address.Flags & DadFailed) != 0 || ((address.Flags & Tentative) != 0 && (address.Flags & Optimistic) == 0);
            if (address.Scope != 0 || unusable)
            {
                continue;
            }

            if (only is not null)
            {
                return null;
            }

            only = address;
        }

        return only is { } chosen && (chosen.Flags & (Deprecated | Optimistic | Secondary)) == 0 ? chosen.Local : null;
    }
}
