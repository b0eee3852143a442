using System.Net.Sockets;
using NetLens.Core.Firewall.Planning;
using NetLens.Core.Firewall.Rulesets;
using NetLens.Core.Firewall.Spec;

namespace NetLens.Core.Tests.Firewall;

/// <summary>
/// The one ruleset model as `port open/close` plans against it, from `nft -j list ruleset` and iptables-save output
/// captured in a lab namespace: the same parsers `port check` evaluates with.
/// </summary>
public class RulesetParserTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "firewall", name));

    private static FirewallFacts Nft(IReadOnlySet<string>? skip = null) => new(NftJsonParser.Parse(Fixture("nft-ruleset.json"), skip));

    [Fact]
    public void Nft_chains_carry_hook_and_whether_a_drop_is_reachable_through_jumps()
    {
        var facts = Nft();

        var input = Assert.Single(facts.Chains, c => c.Table == "hard" && c.Name == "input");
        Assert.Equal(FirewallHook.Input, input.Hook);
        Assert.True(input.IsFilterBase);
        Assert.True(facts.CouldDrop(input), "policy accept, but jump guard reaches a reject");
        Assert.False(facts.CouldDrop(Assert.Single(facts.Chains, c => c.Name == "output")));
        Assert.Equal(FirewallHook.Forward, Assert.Single(facts.Chains, c => c.Name == "forwarding").Hook);
        Assert.False(Assert.Single(facts.Chains, c => c.Name == "pre").IsFilterBase, "a nat chain is no place for an accept");
    }

    [Fact]
    public void Nft_rules_keep_their_comment_and_handle()
    {
        var facts = Nft();

        var in6 = Assert.Single(facts.Chains, c => c.Family == "ip6");
        Assert.True(facts.CouldDrop(in6));
        var rule = Assert.Single(in6.Rules);
        Assert.Equal("netlens in udp 8472", rule.Comment);
        Assert.Equal("2", rule.Reference);
    }

    [Fact]
    public void Tables_iptables_nft_owns_are_left_to_iptables()
    {
        var facts = Nft(new HashSet<string> { "ip filter" });

        Assert.DoesNotContain(facts.Chains, c => c.Table == "filter");
        Assert.Contains(facts.Chains, c => c.Table == "hard");
    }

    [Fact]
    public void Table_names_say_which_iptables_nft_tables_exist()
    {
        Assert.Equal(new HashSet<string> { "ip filter", "inet hard", "ip6 six", "ip nat" }, NftJsonParser.TableNames(Fixture("nft-ruleset.json")));
    }

    [Fact]
    public void Iptables_save_gives_policies_reachable_rejects_and_saved_lines()
    {
        var facts = new FirewallFacts(IptablesSaveParser.Parse(Fixture("iptables-save.txt"), AddressFamily.InterNetwork, FirewallBackend.IptablesLegacy.Word()));

        var input = Assert.Single(facts.Chains, c => c.Name == "INPUT");
        Assert.True(facts.CouldDrop(input), "-j guard reaches a REJECT");
        Assert.True(facts.CouldDrop(Assert.Single(facts.Chains, c => c.Name == "OUTPUT")));
        Assert.False(facts.CouldDrop(Assert.Single(facts.Chains, c => c.Name == "FORWARD")));
        var rule = Assert.Single(input.Rules, r => r.Comment is not null);
        Assert.Equal("netlens in udp 8472 from 198.18.0.2/32", rule.Comment);
        Assert.StartsWith("-A INPUT -s 198.18.0.2/32 -p udp", rule.Reference, StringComparison.Ordinal);
        Assert.Equal("iptables-legacy filter INPUT", input.Place);
        Assert.Equal(FirewallBackend.IptablesLegacy, input.Backend);
    }

    [Fact]
    public void Only_the_filter_table_gets_an_accept()
    {
        var ruleset = IptablesSaveParser.Parse("*mangle\n:INPUT ACCEPT [0:0]\n-A INPUT -j DROP\nCOMMIT\n", AddressFamily.InterNetwork, FirewallBackend.IptablesNft.Word());
        var facts = new FirewallFacts(ruleset);
        var rule = new PortRule(FirewallHook.Input, FirewallProtocol.Udp, [new PortRange(8472, 8472)], null);

        Assert.True(facts.CouldDrop(Assert.Single(facts.Chains)), "the model sees the mangle drop");
        Assert.Empty(FirewallPlanner.PlanOpen(facts, [rule], BackendChoice.Auto).Changes);
    }

    [Fact]
    public void Quoted_words_keep_their_spaces_and_escapes()
    {
        Assert.Equal(["-A", "INPUT", "--comment", "a \"b\" c", "-j", "ACCEPT"], IptablesWords.Split("-A INPUT --comment \"a \\\"b\\\" c\" -j ACCEPT"));
        IptablesWords.Split("-A INPUT --comment \"open", out var openQuote);
        Assert.True(openQuote);
    }

    [Fact]
    public void Ufw_and_firewalld_are_recognised_by_their_chains()
    {
        var ufw = new FirewallFacts(IptablesSaveParser.Parse("*filter\n:INPUT DROP [0:0]\n:ufw-user-input - [0:0]\nCOMMIT\n", AddressFamily.InterNetwork, FirewallBackend.IptablesNft.Word()));
        var firewalld = new FirewallFacts(new FirewallRuleset([new FirewallChain { Source = "nftables", Family = "inet", Table = "firewalld", Name = "filter_INPUT", Hook = FirewallHook.Input, PolicyAccepts = false }]));

        Assert.True(ufw.UfwManaged);
        Assert.False(ufw.FirewalldManaged);
        Assert.True(firewalld.FirewalldManaged);
    }
}
