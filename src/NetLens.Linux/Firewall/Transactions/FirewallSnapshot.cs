using NetLens.Core.Firewall.Planning;
using NetLens.Core.Firewall.Rulesets;
using NetLens.Core.Firewall.Transactions;

namespace NetLens.Linux.Firewall.Transactions;

/// <summary>Reads, before a change, the state of what its plan touches, in the form the rollback loads back.</summary>
public static class FirewallSnapshot
{
    /// <summary>Each touched iptables flavour and family's filter table, each touched native nftables table.</summary>
    public static (IReadOnlyList<IptablesSnapshot> Iptables, IReadOnlyList<NftTableSnapshot> Nftables) Take(FirewallTool tool, FirewallPlan plan)
    {
        var chains = plan.Applied.Select(c => c.Chain).ToList();
        var iptables = chains.Where(c => c.Backend.IsIptables()).Select(c => (c.Backend, c.Family)).Distinct()
            .Select(k => new IptablesSnapshot(k.Backend, k.Family, SaveFilter(tool, k.Backend, k.Family)))
            .ToList();
        var nftables = chains.Where(c => c.Backend == FirewallBackend.Nftables).Select(c => (c.Family, c.Table)).Distinct()
            .Select(k => new NftTableSnapshot(k.Family, k.Table, ListTable(tool, k.Family, k.Table)))
            .ToList();
        return (iptables, nftables);
    }

    /// <summary>The files as they are now: their bytes, or null when absent.</summary>
    public static IReadOnlyList<FileSnapshot> Files(IEnumerable<string> paths) =>
        [.. paths.Distinct(StringComparer.Ordinal).Select(p => new FileSnapshot(p, File.Exists(p) ? File.ReadAllBytes(p) : null))];

    public static string SaveFilter(FirewallTool tool, FirewallBackend backend, string family) =>
        tool.Check(IptablesTools.Save(backend, family), ["-t", "filter"]);

    /// <summary>`nft list table`, or null when the table does not exist.</summary>
    public static string? ListTable(FirewallTool tool, string family, string table)
    {
        var result = tool.Run("nft", ["list", "table", family, table]);
        return result.Succeeded ? result.Stdout
            : result.Stderr.Contains("No such file or directory", StringComparison.Ordinal) ? null
            : throw FirewallTool.Failure("nft", ["list", "table", family, table], result);
    }
}
