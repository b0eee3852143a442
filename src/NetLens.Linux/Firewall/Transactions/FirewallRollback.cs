using NetLens.Core.Firewall.Transactions;

namespace NetLens.Linux.Firewall.Transactions;

/// <summary>
/// Puts back what a journal recorded, one transaction per backend: each iptables filter table that no longer lists as
/// recorded (one `iptables-restore --noflush`), every native table that differs (one `nft -f`), and the files. What
/// still lists as recorded is left alone, so a change cut before its first batch costs nothing to undo.
/// </summary>
public static class FirewallRollback
{
    /// <summary>What was restored ("iptables-nft ip6", "inet extra", a path); empty when everything was as recorded.</summary>
    public static IReadOnlyList<string> Restore(FirewallTool tool, ChangeJournal journal)
    {
        var restored = new List<string>();
        var failures = new List<string>();
        foreach (var saved in journal.Iptables)
        {
            if (RollbackText.Same(saved.Saved, FirewallSnapshot.SaveFilter(tool, saved.Backend, saved.Family)))
            {
                continue;
            }

            var program = IptablesTools.Restore(saved.Backend, saved.Family);
            var result = tool.Run(program, ["--noflush"], RollbackText.Iptables(saved.Saved));
            if (result.Succeeded)
            {
                restored.Add(program);
            }
            else
            {
                failures.Add(FirewallTool.Failure(program, ["--noflush"], result).Message);
            }
        }

        var tables = journal.Nftables.Where(t => !RollbackText.Same(t.Definition, FirewallSnapshot.ListTable(tool, t.Family, t.Table))).ToList();
        if (tables.Count > 0)
        {
            var result = tool.Run("nft", ["-f", "-"], RollbackText.Nftables(tables));
            if (result.Succeeded)
            {
                restored.AddRange(tables.Select(t => $"{t.Family} {t.Table}"));
            }
            else
            {
                failures.Add(FirewallTool.Failure("nft", ["-f", "-"], result).Message);
            }
        }

        foreach (var file in journal.Files)
        {
            if (Restore(file))
            {
                restored.Add(file.Path);
            }
        }

        return failures.Count == 0 ? restored : throw new IOException($"the rollback failed: {string.Join("; ", failures)}");
    }

    /// <summary>The file's recorded bytes, written beside it and renamed over (mode kept); deleted when it was absent.</summary>
    private static bool Restore(FileSnapshot file)
    {
        var exists = File.Exists(file.Path);
        if (file.Content is null)
        {
            if (exists)
            {
                File.Delete(file.Path);
            }

            return exists;
        }

        if (exists && File.ReadAllBytes(file.Path).AsSpan().SequenceEqual(file.Content))
        {
            return false;
        }

        var temporary = $"{file.Path}.netlens-{Environment.ProcessId}.rollback";
        File.WriteAllBytes(temporary, file.Content);
        if (exists && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, File.GetUnixFileMode(file.Path));
        }

        File.Move(temporary, file.Path, overwrite: true);
        return true;
    }
}
