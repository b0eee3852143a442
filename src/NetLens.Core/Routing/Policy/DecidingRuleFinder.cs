namespace NetLens.Core.Routing.Policy;

/// <summary>
/// Names the policy rule that produced the kernel's answer. The kernel does not say which rule matched,
/// only which table answered; the first rule that selects the packet and leads to that table is the one
/// (a later rule pointing at the same table would get the same answer), unless suppress_prefixlength
/// discarded its result.
/// </summary>
public static class DecidingRuleFinder
{
    /// <param name="rules">The family's rules, in kernel (priority) order.</param>
    /// <param name="packet">The packet as the rules see it.</param>
    /// <param name="answerTable">The table the kernel's answer came from, or null when there was no route.</param>
    /// <param name="matchedPrefixLength">The prefix length of the route that matched, for suppress_prefixlength.</param>
    public static PolicyRule? Find(IReadOnlyList<PolicyRule> rules, PacketFacts packet, uint? answerTable, int? matchedPrefixLength)
    {
        foreach (var rule in rules)
        {
            if (!PolicyRuleMatcher.Selects(rule, packet))
            {
                continue;
            }

            switch (rule.Action)
            {
                case RuleAction.ToTable when answerTable is { } table && rule.Table == table:
                    if (rule.SuppressPrefixLength is { } suppress && matchedPrefixLength is { } length && length <= suppress)
                    {
                        continue;
                    }

                    return rule;
                case RuleAction.Blackhole or RuleAction.Unreachable or RuleAction.Prohibit when answerTable is null:
                    return rule;
                default:
                    continue;
            }
        }

        return null;
    }
}
