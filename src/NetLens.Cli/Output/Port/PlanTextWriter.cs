using NetLens.Cli.Commands.Port;
using NetLens.Core.Firewall.Planning;
using NetLens.Engines.Port;
using NetLens.Linux.Firewall;

namespace NetLens.Cli.Output.Port;

/// <summary>
/// The plan or result of `port open|close` for people: each chain touched with the rule in its tool's words (+ added,
/// = already there, - removed), the services line, the peer's half, and — on --dry-run or -v — the exact transactions.
/// </summary>
internal static class PlanTextWriter
{
    public static void Write(TextWriter output, PortChangeResult result, PortChangeOptions options)
    {
        output.Write($"port {result.Verb} {result.Request.Ports.Text}{(options.DryRun ? " (dry run: nothing changed)" : string.Empty)}\n");
        foreach (var change in result.Plan.Changes)
        {
            var mark = change.Action switch { ChangeAction.Add => "+", ChangeAction.Remove => "-", _ => "=" };
            var text = change.Action == ChangeAction.Present ? $"already there: {change.Rule.Comment}" : change.Text;
            output.Write($"  {mark} {change.Chain.Place}: {text}\n");
        }

        foreach (var line in result.Naming.Added)
        {
            output.Write($"  + {options.ServicesFile}: {line}\n");
        }

        foreach (var entry in result.Naming.AlreadyPresent)
        {
            output.Write($"  = {options.ServicesFile}: already names {entry.Name} {entry.PortText} (line {entry.Line + 1})\n");
        }

        foreach (var entry in result.Naming.Removed)
        {
            output.Write($"  - {options.ServicesFile}: {result.Request.Services.Lines[entry.Line]}\n");
        }

        foreach (var note in result.Plan.Notes)
        {
            output.Write($"  note: {note}\n");
        }

        if (options.DryRun || options.Verbose)
        {
            foreach (var batch in result.Plan.Batches())
            {
                output.Write($"  {(options.DryRun ? "would run" : "ran")}: {batch.Command} <<'EOF'\n{batch.Input}EOF\n");
            }
        }

        foreach (var path in result.PersistPaths.Where(_ => options.DryRun))
        {
            output.Write($"  would persist: {path} (after a backup: {path}.netlens-TIME.bak, and the first original once as {FirewallPersister.OriginalPath(path)})\n");
        }

        foreach (var file in result.Persisted)
        {
            output.Write($"  persisted: {file.Path}{(file.Backup is { } b ? $" (previous file kept as {b}; the first original as {file.Original})" : string.Empty)}\n");
        }

        if (result.PeerPlan is { } peer)
        {
            output.Write($"on the peer {peer.Peer} (this host is {peer.Self} to it), the other half:\n");
            output.Write($"  {peer.NetlensCommand}\n");
            output.Write("  or with nft (table and chain as the peer names them):\n");
            foreach (var line in peer.NftCommands)
            {
                output.Write($"    {line}\n");
            }

            output.Write("  or with iptables:\n");
            foreach (var line in peer.IptablesCommands)
            {
                output.Write($"    {line}\n");
            }
        }

        output.Write(Summary(result) + "\n");
    }

    private static string Summary(PortChangeResult result)
    {
        var added = result.Plan.Changes.Count(c => c.Action == ChangeAction.Add);
        var removed = result.Plan.Changes.Count(c => c.Action == ChangeAction.Remove);
        var present = result.Plan.Changes.Count(c => c.Action == ChangeAction.Present);
        var transactions = result.Plan.Batches().Count;
        var would = result.DryRun ? "would be " : string.Empty;
        if (result.Verb == "open" && result.Plan.LeavesClosed)
        {
            // never "already open": a chain --backend left out still drops the port
            var done = result.Changed ? $"{added} rule{Plural(added)} {would}added, but " : string.Empty;
            return $"not open: {done}{string.Join("; ", result.Plan.StillDropping!)}: the port {(result.DryRun ? "would still not be" : "is still not")} open";
        }

        if (!result.Changed)
        {
            return result.Verb == "open"
                ? $"already open: nothing changed{(present > 0 ? $" (its rules are in place in {present} chain{Plural(present)})" : string.Empty)}"
                : "nothing to close: nothing changed";
        }

        var what = result.Verb == "open" ? $"{added} rule{Plural(added)} {would}added" : $"{removed} rule{Plural(removed)} {would}removed";
        return $"{(result.Verb == "open" ? "opened" : "closed")}{(result.DryRun ? " (dry run)" : string.Empty)}: {what} in {transactions} transaction{Plural(transactions)}";
    }

    private static string Plural(int n) => n == 1 ? string.Empty : "s";
}
