using NetLens.Core.Firewall.Facts;
using NetLens.Core.Firewall.Planning;

namespace NetLens.Core.Tests.Firewall;

/// <summary>The ruleset readers, from `nft -j list ruleset` and iptables-save output captured in a lab namespace.</summary>
public class RulesetParserTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "firewall", name));

    [Fact]
    public void Nft_chains_carry_hook_and_whether_a_drop_is_reachable_through_jumps()
    {
        var chains = NftRulesetParser.Parse(Fixture("nft-ruleset.json"), new HashSet<string>());

        var input = Assert.Single(chains, c => c.Table == "hard" && c.Name == "input");
        Assert.Equal(FirewallHook.Input, input.Hook);
        Assert.True(input.CouldDrop, "policy accept, but jump guard reaches a reject");
        Assert.False(Assert.Single(chains, c => c.Name == "output").CouldDrop);
        Assert.Null(Assert.Single(chains, c => c.Name == "forwarding").Hook);
        Assert.Null(Assert.Single(chains, c => c.Name == "pre").Hook);
    }

    [Fact]
    public void Nft_rules_keep_their_comment_and_handle()
    {
        var chains = NftRulesetParser.Parse(Fixture("nft-ruleset.json"), new HashSet<string>());

        var in6 = Assert.Single(chains, c => c.Family == "ip6");
        Assert.True(in6.CouldDrop);
        Assert.Equal(new ChainRule("netlens in udp 8472", "2"), Assert.Single(in6.Rules));
    }

    [Fact]
    public void Tables_iptables_nft_owns_are_left_to_iptables()
    {
        var chains = NftRulesetParser.Parse(Fixture("nft-ruleset.json"), new HashSet<string> { "ip filter" });

        Assert.DoesNotContain(chains, c => c.Table == "filter");
        Assert.Contains(chains, c => c.Table == "hard");
    }

    [Fact]
    public void Table_names_say_which_iptables_nft_tables_exist()
    {
        Assert.Equal(new HashSet<string> { "ip filter", "inet hard", "ip6 six", "ip nat" }, NftRulesetParser.TableNames(Fixture("nft-ruleset.json")));
    }

    [Fact]
    public void Iptables_save_gives_policies_reachable_rejects_and_saved_lines()
    {
        var chains = IptablesSaveParser.Parse(Fixture("iptables-save.txt"), FirewallBackend.IptablesLegacy, "ip");

        var input = Assert.Single(chains, c => c.Name == "INPUT");
        Assert.True(input.CouldDrop, "-j guard reaches a REJECT");
        Assert.True(Assert.Single(chains, c => c.Name == "OUTPUT").CouldDrop);
        Assert.False(Assert.Single(chains, c => c.Name == "FORWARD").CouldDrop);
        var rule = Assert.Single(input.Rules, r => r.Comment is not null);
        Assert.Equal("netlens in udp 8472 from 198.18.0.2/32", rule.Comment);
        Assert.StartsWith("-A INPUT -s 198.18.0.2/32 -p udp", rule.Reference, StringComparison.Ordinal);
        Assert.Equal("iptables-legacy filter INPUT", input.Place);
    }

    [Fact]
    public void Only_the_filter_table_counts()
    {
        var chains = IptablesSaveParser.Parse("*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j DROP\nCOMMIT\n", FirewallBackend.IptablesNft, "ip");

        Assert.Empty(chains);
    }

    [Fact]
    public void Quoted_words_keep_their_spaces_and_escapes()
    {
        Assert.Equal(["-A", "INPUT", "--comment", "a \"b\" c", "-j", "ACCEPT"], IptablesWords.Split("-A INPUT --comment \"a \\\"b\\\" c\" -j ACCEPT"));
    }

    [Fact]
    public void Ufw_and_firewalld_are_recognised_by_their_chains()
    {
        var ufw = FirewallManagers.Detect(IptablesSaveParser.Parse("*filter\n:INPUT DROP [0:0]\n:ufw-user-input - [0:0]\nCOMMIT\n", FirewallBackend.IptablesNft, "ip"));
        var firewalld = FirewallManagers.Detect([new FirewallChain(FirewallBackend.Nftables, "inet", "firewalld", "filter_INPUT", FirewallHook.Input, true, [])]);

        Assert.True(ufw.UfwManaged);
        Assert.False(ufw.FirewalldManaged);
        Assert.True(firewalld.FirewalldManaged);
    }
}
