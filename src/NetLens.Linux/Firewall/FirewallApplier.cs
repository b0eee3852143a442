using NetLens.Core.Firewall.Planning;
using NetLens.Core.Firewall.Rulesets;
using NetLens.Linux.Firewall.Transactions;

namespace NetLens.Linux.Firewall;

/// <summary>
/// Applies a plan as one transaction per tool: a single `nft -f -` batch for every nftables chain (all or nothing),
/// one `iptables-restore --noflush` per iptables family (one commit of the filter table). Across tools there is no
/// common transaction: the caller runs this inside a <see cref="ChangeSession"/>, whose journal undoes the batches that
/// went in when a later one fails, or when the process dies between them.
/// </summary>
public static class FirewallApplier
{
    public static void Apply(FirewallTool tool, FirewallPlan plan)
    {
        var applied = 0;
        foreach (var batch in plan.Batches())
        {
            var (program, arguments) = Invocation(batch);
            var result = tool.Run(program, arguments, batch.Input);
            if (!result.Succeeded)
            {
                throw FirewallTool.Failure(program, arguments, result);
            }

            FaultInjection.AfterBatch(++applied);
        }

        FaultInjection.AfterFirewall();
    }

    public static (string Program, IReadOnlyList<string> Arguments) Invocation(FirewallBatch batch) =>
        batch.Backend == FirewallBackend.Nftables
            ? ("nft", ["-f", "-"])
            : (IptablesTools.Restore(batch.Backend, batch.Family), ["--noflush"]);
}
