using NetLens.Core.Addressing;
using NetLens.Core.Firewall.Planning;
using NetLens.Core.Firewall.Rulesets;
using NetLens.Core.Firewall.Spec;

namespace NetLens.Core.Tests.Firewall;

public class FirewallPlannerTests
{
    private static readonly PortRule Udp8472 = new(FirewallHook.Input, FirewallProtocol.Udp, [new PortRange(8472, 8472)], null);

    /// <summary>A chain of the one ruleset model: <paramref name="couldDrop"/> as a drop policy (base chain) or a drop rule (user chain).</summary>
    private static FirewallChain Chain(FirewallBackend backend, string family, string table, string name, FirewallHook? hook, bool couldDrop, params FirewallRule[] rules) => new()
    {
        Source = backend.Word(),
        Family = family,
        Table = table,
        Name = name,
        Hook = hook,
        PolicyAccepts = hook is null ? null : !couldDrop,
        Rules = hook is null && couldDrop ? [.. rules, new FirewallRule(rules.Length + 1, "-j DROP", [], DropAction.Instance)] : rules,
    };

    /// <summary>A rule netlens finds by its comment: <paramref name="reference"/> is nft's handle (digits) or iptables-save's line.</summary>
    private static FirewallRule ChainRule(string comment, string reference) =>
        long.TryParse(reference, out var handle)
            ? new FirewallRule(1, $"comment \"{comment}\"", [], AcceptAction.Instance) { Handle = handle, Comment = comment }
            : new FirewallRule(1, reference, [], AcceptAction.Instance) { Comment = comment };

    private static FirewallFacts Facts(params FirewallChain[] chains) => new(new FirewallRuleset(chains));

    [Fact]
    public void Every_base_chain_that_could_drop_gets_the_accept_and_no_other()
    {
        var facts = Facts(
            Chain(FirewallBackend.Nftables, "inet", "hard", "input", FirewallHook.Input, true),
            Chain(FirewallBackend.Nftables, "inet", "open", "input", FirewallHook.Input, false),
            Chain(FirewallBackend.IptablesNft, "ip", "filter", "INPUT", FirewallHook.Input, true),
            Chain(FirewallBackend.IptablesNft, "ip", "filter", "OUTPUT", FirewallHook.Output, true),
            Chain(FirewallBackend.IptablesLegacy, "ip", "filter", "guard", null, true));

        var plan = FirewallPlanner.PlanOpen(facts, [Udp8472], BackendChoice.Auto);

        Assert.Equal(["inet hard input", "iptables filter INPUT"], plan.Changes.Select(c => c.Chain.Place));
        Assert.All(plan.Changes, c => Assert.Equal(ChangeAction.Add, c.Action));
    }

    [Fact]
    public void A_rule_with_the_same_comment_is_present_and_nothing_is_added()
    {
        var facts = Facts(Chain(FirewallBackend.Nftables, "inet", "hard", "input", FirewallHook.Input, true, ChainRule("netlens in udp 8472", "9")));

        var plan = FirewallPlanner.PlanOpen(facts, [Udp8472], BackendChoice.Auto);

        Assert.Equal(ChangeAction.Present, Assert.Single(plan.Changes).Action);
        Assert.False(plan.ChangesRuleset);
        Assert.Empty(plan.Batches());
    }

    [Fact]
    public void An_ipv4_source_skips_ip6_chains()
    {
        var rule = Udp8472 with { Remote = IpPrefix.Host(System.Net.IPAddress.Parse("198.18.0.2")) };
        var facts = Facts(
            Chain(FirewallBackend.Nftables, "ip6", "six", "in", FirewallHook.Input, true),
            Chain(FirewallBackend.IptablesNft, "ip6", "filter", "INPUT", FirewallHook.Input, true),
            Chain(FirewallBackend.Nftables, "inet", "hard", "input", FirewallHook.Input, true));

        var plan = FirewallPlanner.PlanOpen(facts, [rule], BackendChoice.Auto);

        var change = Assert.Single(plan.Changes);
        Assert.Equal("ip saddr 198.18.0.2/32 udp dport 8472 accept comment \"netlens in udp 8472 from 198.18.0.2/32\"", change.Text);
    }

    [Fact]
    public void A_backend_left_out_is_named_as_still_dropping()
    {
        var facts = Facts(
            Chain(FirewallBackend.Nftables, "inet", "hard", "input", FirewallHook.Input, true),
            Chain(FirewallBackend.IptablesLegacy, "ip", "filter", "INPUT", FirewallHook.Input, true));

        var plan = FirewallPlanner.PlanOpen(facts, [Udp8472], BackendChoice.Nftables);

        Assert.Single(plan.Changes);
        Assert.Equal("iptables-legacy filter INPUT can still drop udp 8472 (iptables-legacy was left out by --backend)", Assert.Single(plan.Notes));
    }

    [Fact]
    public void A_backend_left_out_that_drops_leaves_the_port_closed_even_with_nothing_to_add()
    {
        var facts = Facts(
            Chain(FirewallBackend.Nftables, "inet", "extra", "input", FirewallHook.Input, true),
            Chain(FirewallBackend.IptablesNft, "ip", "filter", "INPUT", FirewallHook.Input, true, ChainRule(Udp8472.Comment, "-A INPUT …")));

        var plan = FirewallPlanner.PlanOpen(facts, [Udp8472], BackendChoice.Iptables);

        Assert.False(plan.ChangesRuleset);
        Assert.True(plan.LeavesClosed);
        Assert.Equal("inet extra input (nftables) drops udp 8472", Assert.Single(plan.StillDropping!));
    }

    [Fact]
    public void Nothing_that_drops_means_nothing_to_add_and_says_so()
    {
        var plan = FirewallPlanner.PlanOpen(FirewallFacts.Empty, [Udp8472], BackendChoice.Auto);

        Assert.Empty(plan.Changes);
        Assert.Contains("already open, no rule needed", Assert.Single(plan.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void One_nft_batch_inserts_at_the_top_and_one_restore_per_iptables_family()
    {
        var facts = Facts(
            Chain(FirewallBackend.Nftables, "inet", "a", "input", FirewallHook.Input, true),
            Chain(FirewallBackend.Nftables, "ip", "b", "input", FirewallHook.Input, true),
            Chain(FirewallBackend.IptablesNft, "ip", "filter", "INPUT", FirewallHook.Input, true),
            Chain(FirewallBackend.IptablesNft, "ip6", "filter", "INPUT", FirewallHook.Input, true));

        var batches = FirewallPlanner.PlanOpen(facts, [Udp8472], BackendChoice.Auto).Batches();

        Assert.Equal(["nft -f -", "iptables-nft-restore --noflush", "ip6tables-nft-restore --noflush"], batches.Select(b => b.Command));
        Assert.Equal(
            "insert rule inet a input udp dport 8472 accept comment \"netlens in udp 8472\"\ninsert rule ip b input udp dport 8472 accept comment \"netlens in udp 8472\"\n",
            batches[0].Input);
        Assert.Equal(
            "*filter\n-I INPUT 1 -p udp -m udp --dport 8472 -m comment --comment \"netlens in udp 8472\" -j ACCEPT\nCOMMIT\n",
            batches[1].Input);
    }

    [Fact]
    public void Close_deletes_by_handle_and_by_saved_line_wherever_the_rule_is()
    {
        var facts = Facts(
            Chain(FirewallBackend.Nftables, "inet", "a", "input", FirewallHook.Input, false, ChainRule("netlens in udp 8472", "12"), ChainRule("other", "13")),
            Chain(FirewallBackend.IptablesLegacy, "ip", "filter", "INPUT", FirewallHook.Input, true, ChainRule("netlens in udp 8472", "-A INPUT -p udp -m udp --dport 8472 -m comment --comment \"netlens in udp 8472\" -j ACCEPT")));

        var batches = FirewallPlanner.PlanClose(facts, [Udp8472], BackendChoice.Auto).Batches();

        Assert.Equal("delete rule inet a input handle 12\n", batches[0].Input);
        Assert.Equal("*filter\n-D INPUT -p udp -m udp --dport 8472 -m comment --comment \"netlens in udp 8472\" -j ACCEPT\nCOMMIT\n", batches[1].Input);
    }

    [Fact]
    public void Closing_what_is_not_there_changes_nothing_and_says_so()
    {
        var plan = FirewallPlanner.PlanClose(FirewallFacts.Empty, [Udp8472], BackendChoice.Auto);

        Assert.False(plan.ChangesRuleset);
        Assert.Equal("no rule of netlens for in udp 8472: nothing to close", Assert.Single(plan.Notes));
    }
}
