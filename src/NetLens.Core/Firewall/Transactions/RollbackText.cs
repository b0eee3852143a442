using System.Text.RegularExpressions;

namespace NetLens.Core.Firewall.Transactions;

/// <summary>
/// The transactions that put recorded state back, and whether there is anything to put back. The restore keeps each
/// table in place (flush and refill) instead of deleting and recreating it: a recreated table moves to the end of
/// `nft list ruleset`, so the ruleset would no longer list as it did.
/// </summary>
public static partial class RollbackText
{
    /// <summary>
    /// Input for `iptables-restore --noflush`: the saved chains declared (a missing one comes back, policies are reset),
    /// each flushed, then the saved rules: one commit of the filter table, which ends as it was saved.
    /// </summary>
    public static string Iptables(string saved)
    {
        var lines = saved.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var chains = lines.Where(l => l.StartsWith(':')).ToList();
        var rules = lines.Where(l => l.StartsWith("-A ", StringComparison.Ordinal)).ToList();
        var text = new List<string> { "*filter" };
        text.AddRange(chains);
        text.AddRange(chains.Select(c => $"-F {c[1..].Split(' ')[0]}"));
        text.AddRange(rules);
        text.Add("COMMIT");
        return string.Join('\n', text) + "\n";
    }

    /// <summary>
    /// Input for one `nft -f`: each table declared (so the flush or delete finds it), then flushed and refilled from its
    /// definition, or deleted when it did not exist before.
    /// </summary>
    public static string Nftables(IEnumerable<NftTableSnapshot> tables)
    {
        var text = new List<string>();
        foreach (var table in tables)
        {
            text.Add($"table {table.Family} {table.Table}");
            if (table.Definition is { } definition)
            {
                text.Add($"flush table {table.Family} {table.Table}");
                text.Add(definition.TrimEnd('\n'));
            }
            else
            {
                text.Add($"delete table {table.Family} {table.Table}");
            }
        }

        return string.Join('\n', text) + "\n";
    }

    /// <summary>Whether two listings say the same ruleset: save-time comments and packet counters (traffic moves them) aside.</summary>
    public static bool Same(string? recorded, string? current) =>
        recorded is null || current is null ? recorded == current : Normalize(recorded) == Normalize(current);

    private static string Normalize(string listing) =>
        NftCounter().Replace(IptablesCounter().Replace(string.Join('\n', listing.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => !l.StartsWith('#'))), "[]"), "counter");

    [GeneratedRegex(@"\[\d+:\d+\]")]
    private static partial Regex IptablesCounter();

    [GeneratedRegex(@"counter packets \d+ bytes \d+")]
    private static partial Regex NftCounter();
}
