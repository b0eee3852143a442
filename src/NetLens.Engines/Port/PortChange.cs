using System.Net;
using NetLens.Core.Firewall.Planning;
using NetLens.Core.Firewall.Rulesets;
using NetLens.Core.Firewall.Spec;
using NetLens.Core.Services;

namespace NetLens.Engines.Port;

/// <summary>
/// One `port open` or `port close`, checked: the ports and the rules that open them, the services file as read and
/// what changes in it, and how the change is made (which backends, persisted or not, or only planned).
/// </summary>
/// <param name="Ports">The ports as resolved from the SPEC (with their protocol warnings).</param>
/// <param name="Rules">The rules to add (open) or find by their comment and remove (close).</param>
/// <param name="Peer">The other host: its half of the plan is built (open only).</param>
/// <param name="Direction">in, out or both: which half of the traffic the rules let through.</param>
/// <param name="Services">The services file as read.</param>
/// <param name="ServicesFile">Where it was read from, and is written back to when <paramref name="Naming"/> changes it.</param>
/// <param name="Naming">The services lines to add or remove.</param>
/// <param name="Backend">Every backend whose chains could drop the packet, or one forced.</param>
/// <param name="DryRun">Plan only: nothing is locked, journalled or changed.</param>
/// <param name="Persist">Also write the ruleset where boot loads it, after a backup.</param>
/// <param name="PersistRoot">The directory the boot files are taken under ("/" but for tests and images).</param>
public sealed record PortChange(
    ResolvedPorts Ports,
    IReadOnlyList<PortRule> Rules,
    IPAddress? Peer,
    PortDirection Direction,
    ServicesTable Services,
    string ServicesFile,
    ServiceNaming Naming,
    BackendChoice Backend,
    bool DryRun,
    bool Persist,
    string PersistRoot);
