using System.Text;
using NetLens.Core.Routing;

namespace NetLens.Cli.Output.Routing;

/// <summary>A policy rule in the words `ip rule` uses: "32766: from all lookup main".</summary>
public static class RuleText
{
    public static string Format(PolicyRule rule, Func<uint, string> tableName)
    {
        var text = new StringBuilder();
        text.Append(rule.Priority).Append(": ");
        if (rule.Invert)
        {
            text.Append("not ");
        }

        text.Append("from ").Append(rule.From is { } from ? PrefixText(from) : "all");
        if (rule.To is { } to)
        {
            text.Append(" to ").Append(PrefixText(to));
        }

        if (rule.Tos != 0)
        {
            text.Append(" tos 0x").Append(rule.Tos.ToString("x2"));
        }

        if (rule.FwMark is { } mark)
        {
            text.Append(" fwmark 0x").Append(mark.ToString("x"));
            if (rule.FwMask is { } mask && mask != uint.MaxValue)
            {
                text.Append("/0x").Append(mask.ToString("x"));
            }
        }

        Append(text, " iif ", rule.InputInterface);
        Append(text, " oif ", rule.OutputInterface);
        if (rule.L3MasterDevice)
        {
            text.Append(" l3mdev");
        }

        AppendRange(text, " uidrange ", rule.UidRange, alwaysRange: true);
        if (rule.IpProtocol is { } proto)
        {
            text.Append(" ipproto ").Append(proto);
        }

        AppendRange(text, " sport ", rule.SourcePorts, alwaysRange: false);
        AppendRange(text, " dport ", rule.DestinationPorts, alwaysRange: false);
        text.Append(rule.Action switch
        {
            RuleAction.ToTable => " lookup " + tableName(rule.Table),
            RuleAction.Goto => $" goto {rule.GotoPriority}",
            RuleAction.Nop => " nop",
            RuleAction.Blackhole => " blackhole",
            RuleAction.Unreachable => " unreachable",
            RuleAction.Prohibit => " prohibit",
            _ => $" action {(byte)rule.Action}",
        });
        if (rule.SuppressPrefixLength is { } suppress)
        {
            text.Append(" suppress_prefixlength ").Append(suppress);
        }

        if (rule.SuppressInterfaceGroup is { } group)
        {
            text.Append(" suppress_ifgroup ").Append(group);
        }

        return text.ToString();
    }

    private static string PrefixText(Core.Addressing.IpPrefix prefix) => prefix.IsHost ? prefix.Address.ToString() : prefix.ToString();

    private static void Append(StringBuilder text, string word, string? value)
    {
        if (value is not null)
        {
            text.Append(word).Append(value);
        }
    }

    private static void AppendRange(StringBuilder text, string word, PortRange? range, bool alwaysRange)
    {
        if (range is not { } r)
        {
            return;
        }

        text.Append(word).Append(r.Start);
        if (alwaysRange || r.End != r.Start)
        {
            text.Append('-').Append(r.End);
        }
    }
}
