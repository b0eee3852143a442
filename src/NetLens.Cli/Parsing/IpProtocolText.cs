namespace NetLens.Cli.Parsing;

/// <summary>IP protocol numbers by the names ip accepts for ipproto (IANA "Assigned Internet Protocol Numbers").</summary>
public static class IpProtocolText
{
    private static readonly Dictionary<string, byte> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["icmp"] = 1,
        ["igmp"] = 2,
        ["tcp"] = 6,
        ["udp"] = 17,
        ["gre"] = 47,
        ["esp"] = 50,
        ["ah"] = 51,
        ["ipv6-icmp"] = 58,
        ["icmpv6"] = 58,
        ["sctp"] = 132,
        ["udplite"] = 136,
    };

    public static byte Parse(string text) =>
        ByName.TryGetValue(text, out var number) ? number : NumberText.ParseByte(text, "ipproto");
}
