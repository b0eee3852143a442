namespace NetLens.Core.Firewall.Planning;

/// <summary>--direction: traffic to this host's port (in), from this host to the peer's port (out), or both, as the sheet does.</summary>
public enum PortDirection
{
    In,
    Out,
    Both,
}

/// <summary>The netfilter hook a rule sits at: input for traffic to this host, output for traffic it sends.</summary>
public enum FirewallHook
{
    Input,
    Output,
}
