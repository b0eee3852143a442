namespace NetLens.Cli.Output.Port;

/// <summary>`port open|close --json`: one document with the plan, what was done, and the peer's half.</summary>
internal sealed record PlanDocument(
    string Command,
    string Spec,
    IReadOnlyList<PlanPortsDocument> Ports,
    bool DryRun,
    bool Changed,
    IReadOnlyList<PlanChangeDocument> Changes,
    IReadOnlyList<PlanTransactionDocument> Transactions,
    PlanServicesDocument? Services,
    IReadOnlyList<PlanPersistDocument> Persist,
    PlanPeerDocument? Peer,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Warnings);

internal sealed record PlanPortsDocument(string Protocol, string Ports, int Count);

/// <summary>action: add, present or remove; place: the chain in its tool's words.</summary>
internal sealed record PlanChangeDocument(string Action, string Backend, string Family, string Table, string Chain, string Place, string Rule, string Comment);

/// <summary>The exact input of one transaction and the command that reads it.</summary>
internal sealed record PlanTransactionDocument(string Command, string Input);

internal sealed record PlanServicesDocument(string File, IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Present);

internal sealed record PlanPersistDocument(string Path, string? Backup, bool Written);

internal sealed record PlanPeerDocument(string Address, string SelfAddress, string Netlens, IReadOnlyList<string> Nft, IReadOnlyList<string> Iptables);
