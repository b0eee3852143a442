using NetLens.Core.Firewall.Rulesets;

namespace NetLens.Core.Firewall.Planning;

/// <summary>What a change does to one chain.</summary>
public enum ChangeAction
{
    /// <summary>The rule goes in, at the top of the chain: before any drop or reject.</summary>
    Add,

    /// <summary>The same rule (same comment) is there already: nothing to do.</summary>
    Present,

    /// <summary>A rule netlens added earlier comes out.</summary>
    Remove,
}

/// <summary>One rule added to, found in, or removed from one chain. <see cref="Text"/> is the rule in its tool's words.</summary>
public sealed record PlannedChange(ChangeAction Action, FirewallChain Chain, PortRule Rule, string Text, string? Reference = null);
