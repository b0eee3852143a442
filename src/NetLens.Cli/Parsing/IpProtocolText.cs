using NetLens.Core.Firewall.Rulesets;

namespace NetLens.Cli.Parsing;

/// <summary>IP protocol numbers by the names ip accepts for ipproto (IANA "Assigned Internet Protocol Numbers").</summary>
public static class IpProtocolText
{
    /// <summary>The one table of protocol names (<see cref="ProtocolNumbers"/>); anything else must be a number 0-255.</summary>
    public static byte Parse(string text) =>
        ProtocolNumbers.Find(text) is { } number ? (byte)number : NumberText.ParseByte(text, "ipproto");
}
