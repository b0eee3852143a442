using System.Globalization;
using System.Text;
using NetLens.Core.Firewall.Planning;
using NetLens.Core.Firewall.Rulesets;
using NetLens.Linux.Files;

namespace NetLens.Linux.Firewall;

/// <summary>One file --persist wrote, the backup of what was there before, and where the first original stays.</summary>
public sealed record PersistedFile(string Path, string? Backup, string Content, string? Original = null);

/// <summary>
/// --persist: writes the live ruleset of each backend netlens changed where the host's boot loads it — the native
/// nftables tables to /etc/nftables.conf (nftables.service), iptables to /etc/iptables/rules.v4|v6 (as
/// netfilter-persistent saves them). The file in place is kept as PATH.netlens-TIMESTAMP.bak first (a new name each
/// time), and the first one netlens ever replaced as PATH.netlens-orig (written once, never replaced).
/// <paramref name="clock"/> stamps the backups (a fixed one in tests, to make two runs fall in the same instant).
/// </summary>
public sealed class FirewallPersister(FirewallTool tool, string root, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

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
        foreach (var (path, content) in targets)
        {
            var text = content();
            string? backup = null;
            string? original = null;
            if (File.Exists(path))
            {
                var before = File.ReadAllBytes(path);
                original = OriginalPath(path);
                _ = SafeFileWriter.TryCreateNew(original, before, path);
                backup = Backup(path, before);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            SafeFileWriter.Write(path, Encoding.UTF8.GetBytes(text), "--persist");
            written.Add(new PersistedFile(path, backup, text, original));
        }

        return written;
    }

    /// <summary>Where the file as it was before netlens first persisted to it stays: written once, never replaced.</summary>
    public static string OriginalPath(string path) => $"{path}.netlens-orig";

    /// <summary>
    /// PATH.netlens-STAMP.bak, created only if the name is free (O_EXCL): the stamp has microseconds and a counter
    /// follows on a clash, so two runs in the same second each keep what they found. The counter goes after a '_',
    /// which sorts after the '.' of the first name: listed by name, the backups stay in the order they were made.
    /// </summary>
    private string Backup(string path, byte[] before)
    {
        var stamp = _clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss.ffffff'Z'", CultureInfo.InvariantCulture);
        for (var n = 0; ; n++)
        {
            var name = n == 0 ? $"{path}.netlens-{stamp}.bak" : $"{path}.netlens-{stamp}_{n}.bak";
            if (SafeFileWriter.TryCreateNew(name, before, path))
            {
                return name;
            }
        }
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
