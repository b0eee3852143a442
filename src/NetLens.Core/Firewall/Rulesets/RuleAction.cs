using System.Net;

namespace NetLens.Core.Firewall.Rulesets;

/// <summary>What a rule does when all its matches hold.</summary>
public abstract record RuleAction;

/// <summary>No verdict (counter, log, comment, mark): evaluation goes on with the next rule.</summary>
public sealed record ContinueAction : RuleAction
{
    public static ContinueAction Instance { get; } = new();
}

public sealed record AcceptAction : RuleAction
{
    public static AcceptAction Instance { get; } = new();
}

public sealed record DropAction : RuleAction
{
    public static DropAction Instance { get; } = new();
}

public sealed record RejectAction : RuleAction
{
    public static RejectAction Instance { get; } = new();
}

public sealed record ReturnAction : RuleAction
{
    public static ReturnAction Instance { get; } = new();
}

public sealed record JumpAction(string Target) : RuleAction;

public sealed record GotoAction(string Target) : RuleAction;

/// <summary>Destination NAT (iptables DNAT, nft dnat): the packet now goes to another address or port, maybe through the forward hook.</summary>
public sealed record DnatAction(IPAddress? Address, int? Port) : RuleAction;

/// <summary>REDIRECT / nft redirect: to this host, on another port.</summary>
public sealed record RedirectAction(int? Port) : RuleAction;

/// <summary>nft "FIELD vmap { key : verdict, … }": the packet's value picks the verdict; no entry, no verdict.</summary>
public sealed record VerdictMapAction(FieldMatch Key, IReadOnlyList<VerdictMapEntry> Entries) : RuleAction;

public sealed record VerdictMapEntry(IReadOnlyList<ValueRange> Keys, RuleAction Action, string Text);

/// <summary>A target netlens does not model (NFQUEUE, TPROXY, …): what happens to the packet is unknown.</summary>
public sealed record UnknownAction(string Text) : RuleAction;
