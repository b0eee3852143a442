using System.Globalization;

namespace NetLens.Core.Firewall.Rulesets;

/// <summary>Protocol names as nft and iptables write them (/etc/protocols' common ones), or a number.</summary>
public static class ProtocolNumbers
{
    private static readonly Dictionary<string, int> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["icmp"] = 1,
        ["igmp"] = 2,
        ["tcp"] = 6,
        ["udp"] = 17,
        ["gre"] = 47,
        ["esp"] = 50,
        ["ah"] = 51,
        ["icmpv6"] = 58,
        ["ipv6-icmp"] = 58,
        ["sctp"] = 132,
        ["udplite"] = 136,
        ["dccp"] = 33,
    };

    public static int? Find(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= 255 ? number
            : Names.TryGetValue(text, out var known) ? known : null;
}
