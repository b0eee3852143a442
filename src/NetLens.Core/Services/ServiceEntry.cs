using NetLens.Core.Firewall.Spec;

namespace NetLens.Core.Services;

/// <summary>One line of /etc/services: "name port/proto [aliases…] [# comment]"; <see cref="Line"/> is its index in the file.</summary>
public sealed record ServiceEntry(string Name, int Port, string Protocol, IReadOnlyList<string> Aliases, int Line, bool AddedByNetlens)
{
    public FirewallProtocol? KnownProtocol => FirewallProtocolWords.Parse(Protocol);

    public bool IsCalled(string name) =>
        string.Equals(Name, name, StringComparison.Ordinal) || Aliases.Contains(name, StringComparer.Ordinal);

    public string PortText => $"{Port}/{Protocol}";
}
