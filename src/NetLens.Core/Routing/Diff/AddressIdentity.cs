using System.Net;
using System.Net.Sockets;
using NetLens.Core.Links;

namespace NetLens.Core.Routing.Diff;

/// <summary>What makes an address the same address: family, interface (by name), address and prefix length.</summary>
public readonly record struct AddressIdentity(AddressFamily Family, string Interface, IPAddress Local, int PrefixLength)
{
    public static AddressIdentity Of(InterfaceAddress address, InterfaceNames names) =>
        new(address.Family, names.NameOf(address.InterfaceIndex), address.Local, address.PrefixLength);
}
