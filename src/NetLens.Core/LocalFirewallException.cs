namespace NetLens.Core;

/// <summary>
/// The kernel refused to send a probe with EPERM: a rule of this host's own OUTPUT path dropped it (exit 1). Not a
/// privilege problem, so it says which firewall to look at instead of "Permission denied".
/// </summary>
public sealed class LocalFirewallException(string message) : Exception(message);
