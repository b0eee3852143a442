using NetLens.Core.Firewall.Facts;
using NetLens.Core.Firewall.Planning;

namespace NetLens.Linux.Firewall;

/// <summary>
/// Applies a plan as one transaction per tool: a single `nft -f -` batch for every nftables chain (all or nothing),
/// one `iptables-restore --noflush` per iptables family (one commit of the filter table). When a later batch fails,
/// the earlier ones are undone, so an error never leaves half of a change behind.
/// </summary>
public static class FirewallApplier
{
    public static void Apply(FirewallTool tool, FirewallPlan plan, Func<IReadOnlyList<FirewallBackend>, FirewallPlan> undo)
    {
        var applied = new List<FirewallBackend>();
        foreach (var batch in plan.Batches())
        {
            var (program, arguments) = Invocation(batch);
            var result = tool.Run(program, arguments, batch.Input);
            if (!result.Succeeded)
            {
                if (applied.Count > 0)
                {
                    // re-read the ruleset and take back exactly what the earlier batches did
                    foreach (var back in undo(applied).Batches())
                    {
                        var (p, a) = Invocation(back);
                        tool.Run(p, a, back.Input);
                    }
                }

                throw FirewallTool.Failure(program, arguments, result);
            }

            applied.Add(batch.Backend);
        }
    }

    public static (string Program, IReadOnlyList<string> Arguments) Invocation(FirewallBatch batch) =>
        batch.Backend == FirewallBackend.Nftables
            ? ("nft", ["-f", "-"])
            : (IptablesTools.Restore(batch.Backend, batch.Family), ["--noflush"]);
}
