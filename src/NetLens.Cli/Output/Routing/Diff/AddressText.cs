using System.Net.Sockets;
using System.Text;
using NetLens.Core.Links;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Names;

namespace NetLens.Cli.Output.Routing.Diff;

/// <summary>An interface address on one line, in `ip addr`'s words: "lab0 inet 198.18.0.1/24 scope global".</summary>
public static class AddressText
{
    // IFA_F_* (linux/if_addr.h) in the order ip addr prints them
    private const uint Secondary = 0x01;
    private const uint Permanent = 0x80;

    private static readonly (uint Flag, string Word)[] FlagWords =
    [
        (0x20, "deprecated"),
        (0x04, "optimistic"),
        (0x10, "home"),
        (0x02, "nodad"),
        (0x100, "mngtmpaddr"),
        (0x200, "noprefixroute"),
        (0x400, "autojoin"),
        (0x800, "stable-privacy"),
        (0x40, "tentative"),
        (0x08, "dadfailed"),
    ];

    public static string Format(InterfaceAddress address, InterfaceNames interfaces, IpNames names)
    {
        var v6 = address.Family == AddressFamily.InterNetworkV6;
        var dev = interfaces.NameOf(address.InterfaceIndex);
        var text = new StringBuilder();
        text.Append(dev).Append(v6 ? " inet6 " : " inet ").Append(address.Local);
        if (address.Peer is { } peer)
        {
            text.Append(" peer ").Append(peer);
        }

        text.Append('/').Append(address.PrefixLength);
        text.Append(" scope ").Append(names.ScopeName(address.Scope));
        if ((address.Flags & Secondary) != 0)
        {
            text.Append(v6 ? " temporary" : " secondary");
        }

        if ((address.Flags & Permanent) == 0)
        {
            text.Append(" dynamic");
        }

        foreach (var (flag, word) in FlagWords)
        {
            if ((address.Flags & flag) != 0)
            {
                text.Append(' ').Append(word);
            }
        }

        if (address.Label is { } label && label != dev)
        {
            text.Append(" label ").Append(label);
        }

        return text.ToString();
    }
}
