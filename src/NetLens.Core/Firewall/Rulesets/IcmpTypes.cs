using System.Globalization;

namespace NetLens.Core.Firewall.Rulesets;

/// <summary>ICMP (RFC 792) and ICMPv6 (RFC 4443, 4861) type names as nft and iptables write them, or a number.</summary>
public static class IcmpTypes
{
    private static readonly Dictionary<string, int> V4 = new(StringComparer.OrdinalIgnoreCase)
    {
        ["echo-reply"] = 0,
        ["destination-unreachable"] = 3,
        ["source-quench"] = 4,
        ["redirect"] = 5,
        ["echo-request"] = 8,
        ["router-advertisement"] = 9,
        ["router-solicitation"] = 10,
        ["time-exceeded"] = 11,
        ["parameter-problem"] = 12,
        ["timestamp-request"] = 13,
        ["timestamp-reply"] = 14,
    };

    private static readonly Dictionary<string, int> V6 = new(StringComparer.OrdinalIgnoreCase)
    {
        ["destination-unreachable"] = 1,
        ["packet-too-big"] = 2,
        ["time-exceeded"] = 3,
        ["parameter-problem"] = 4,
        ["echo-request"] = 128,
        ["echo-reply"] = 129,
        ["nd-router-solicit"] = 133,
        ["router-solicitation"] = 133,
        ["nd-router-advert"] = 134,
        ["router-advertisement"] = 134,
        ["nd-neighbor-solicit"] = 135,
        ["neighbour-solicitation"] = 135,
        ["neighbor-solicitation"] = 135,
        ["nd-neighbor-advert"] = 136,
        ["neighbour-advertisement"] = 136,
        ["neighbor-advertisement"] = 136,
        ["nd-redirect"] = 137,
        ["redirect"] = 137,
    };

    /// <summary>The type number of a name or a number (0-255); null when it is neither.</summary>
    public static int? Find(string text, bool v6) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? (number <= 255 ? number : null)
            : (v6 ? V6 : V4).TryGetValue(text, out var known) ? known : null;

    /// <summary>The name nft uses for a type ("echo-request"), or its number.</summary>
    public static string Name(int type, bool v6) =>
        (v6 ? V6 : V4).FirstOrDefault(p => p.Value == type).Key ?? type.ToString(CultureInfo.InvariantCulture);
}
