namespace NetLens.Linux.Netfilter;

/// <summary>What an nftables trace event says happened to a traced packet at one point (enum nft_trace_types).</summary>
public enum NftTraceType
{
    Unspecified = 0,

    /// <summary>The base chain's policy decided (no rule gave a verdict).</summary>
    Policy = 1,

    /// <summary>The end of a chain was reached, back to the caller.</summary>
    Return = 2,

    /// <summary>A rule matched and gave its verdict (continue, jump, drop, accept…).</summary>
    Rule = 3,
}

/// <summary>
/// One NFT_MSG_TRACE message: which packet (the kernel's pseudo-id, the same for every event of one skb), the table
/// and chain, the rule handle when a rule matched, and the verdict — netfilter's (NF_DROP 0, NF_ACCEPT 1…) or
/// nftables' own (continue -1, break -2, jump -3, goto -4, return -5).
/// </summary>
/// <remarks>Family: the table's family (nfgenmsg.nfgen_family: NFPROTO_INET 1, IPV4 2, IPV6 10…).</remarks>
/// <remarks>Verdict: for rule and return events; Policy: the base chain's policy for policy events.</remarks>
public sealed record NftTraceEvent(uint Id, byte Family, string Table, string Chain, ulong? RuleHandle, NftTraceType Type, int? Verdict, string? JumpTarget, int? Policy)
{
    public uint? NfProto { get; init; }

    public uint? InputInterface { get; init; }

    public uint? OutputInterface { get; init; }

    public uint? Mark { get; init; }

    /// <summary>The verdict that decided this event: the rule's or the policy's.</summary>
    public int? Decision => Type == NftTraceType.Policy ? Policy : Verdict;

    /// <summary>nft's word for <paramref name="verdict"/> (verdicts with an errno in the upper bits, NF_DROP_ERR, are drops).</summary>
    public static string VerdictWord(int verdict) => verdict switch
    {
        >= 0 => (verdict & 0xff) switch
        {
            0 => "drop",
            1 => "accept",
            2 => "stolen",
            3 => "queue",
            4 => "repeat",
            5 => "stop",
            var other => $"verdict {other}",
        },
        -1 => "continue",
        -2 => "break",
        -3 => "jump",
        -4 => "goto",
        -5 => "return",

        // NF_DROP_ERR(errno): ((-errno) << 16) | NF_DROP
        _ when (verdict & 0xffff) == 0 => "drop",
        _ => $"verdict {verdict}",
    };

    /// <summary>The family word nft writes before a table ("inet filter").</summary>
    public string FamilyWord => Family switch
    {
        1 => "inet",
        2 => "ip",
        3 => "arp",
        5 => "netdev",
        7 => "bridge",
        10 => "ip6",
        _ => $"family {Family}",
    };
}
