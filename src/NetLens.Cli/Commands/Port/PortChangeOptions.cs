using NetLens.Core.Firewall.Planning;
using NetLens.Core.Firewall.Rulesets;

namespace NetLens.Cli.Commands.Port;

/// <summary>`netlens port open|close SPEC` as typed values.</summary>
public sealed record PortChangeOptions
{
    public required string Spec { get; init; }

    /// <summary>--from ADDR|CIDR: accept input from there only.</summary>
    public string? From { get; init; }

    /// <summary>--peer ADDR: the other host; this host's rules name it and its own plan is printed.</summary>
    public string? Peer { get; init; }

    public PortDirection Direction { get; init; } = PortDirection.In;

    /// <summary>--name NAME: the services-file name to add (open) or remove (close).</summary>
    public string? Name { get; init; }

    public string ServicesFile { get; init; } = NetLens.Linux.Services.ServicesFile.SystemPath;

    public BackendChoice Backend { get; init; } = BackendChoice.Auto;

    public bool Persist { get; init; }

    /// <summary>--persist-root DIR: where /etc/nftables.conf and /etc/iptables/rules.v4|v6 are looked for ("/" normally; tests use a temp dir).</summary>
    public string PersistRoot { get; init; } = "/";

    public bool DryRun { get; init; }

    public bool Json { get; init; }

    public bool Verbose { get; init; }

    public string? Netns { get; init; }
}
