using System.Globalization;
using NetLens.Core.Firewall.Facts;

namespace NetLens.Linux.Firewall;

/// <summary>One file --persist wrote, and the backup of what was there before.</summary>
public sealed record PersistedFile(string Path, string? Backup, string Content);

/// <summary>
/// --persist: writes the live ruleset of each backend netlens changed where the host's boot loads it — the native
/// nftables tables to /etc/nftables.conf (nftables.service), iptables to /etc/iptables/rules.v4|v6 (as
/// netfilter-persistent saves them). The file in place is kept as PATH.netlens-TIMESTAMP.bak first.
/// </summary>
public sealed class FirewallPersister(FirewallTool tool, string root)
{
    public string NftablesConf => Path.Combine(root, "etc/nftables.conf");

    public string RulesFile(string family) => Path.Combine(root, family == "ip6" ? "etc/iptables/rules.v6" : "etc/iptables/rules.v4");

    /// <summary>The files and their new content, without writing (for --dry-run, after the change for real).</summary>
    public IReadOnlyList<(string Path, Func<string> Content)> Targets(IEnumerable<(FirewallBackend Backend, string Family)> changed, FirewallFacts facts)
    {
        var targets = new List<(string, Func<string>)>();
        foreach (var (backend, family) in changed.Distinct())
        {
            if (backend == FirewallBackend.Nftables)
            {
                targets.Add((NftablesConf, () => NftablesFile(facts)));
            }
            else
            {
                targets.Add((RulesFile(family), () => tool.Check(IptablesTools.Save(backend, family), [])));
            }
        }

        return targets;
    }

    public IReadOnlyList<PersistedFile> Write(IReadOnlyList<(string Path, Func<string> Content)> targets)
    {
        var written = new List<PersistedFile>();
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var (path, content) in targets)
        {
            var text = content();
            string? backup = null;
            if (File.Exists(path))
            {
                backup = $"{path}.netlens-{stamp}.bak";
                File.Copy(path, backup, overwrite: true);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AtomicFile.Write(path, text);
            written.Add(new PersistedFile(path, backup, text));
        }

        return written;
    }

    /// <summary>
    /// The native tables only (iptables-nft's are saved by iptables), each declared then deleted before its definition:
    /// loading the file replaces these tables in one transaction and leaves every other table alone.
    /// </summary>
    private string NftablesFile(FirewallFacts facts)
    {
        var lines = new List<string> { "#!/usr/sbin/nft -f", "# written by netlens port --persist: the native nftables tables of this host" };
        foreach (var (family, table) in facts.Chains.Where(c => c.Backend == FirewallBackend.Nftables).Select(c => (c.Family, c.Table)).Distinct())
        {
            lines.Add($"table {family} {table}");
            lines.Add($"delete table {family} {table}");
            lines.Add(tool.Check("nft", ["list", "table", family, table]).TrimEnd('\n'));
        }

        return string.Join('\n', lines) + "\n";
    }
}
