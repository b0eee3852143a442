namespace NetLens.Core.Firewall.Planning;

/// <summary>--direction: traffic to this host's port (in), from this host to the peer's port (out), or both, as the sheet does.</summary>
public enum PortDirection
{
    In,
    Out,
    Both,
}
