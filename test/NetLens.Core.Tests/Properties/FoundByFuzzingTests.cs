using System.Net.Sockets;
using NetLens.Core.Firewall.Planning;
using NetLens.Core.Firewall.Rulesets;

namespace NetLens.Core.Tests.Properties;

/// <summary>The inputs the fuzz targets found raising untyped exceptions, kept as plain cases.</summary>
public class FoundByFuzzingTests
{
    private const string RuleHead = """{"nftables": [{"rule": {"family": "inet", "table": "t", "chain": "c", "handle": 1, "expr": [{"match": """;

    [Theory]
    [InlineData("""{"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": {"range": [1]}}""")]
    [InlineData("""{"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}}""")]
    public void Nft_json_of_another_shape_is_a_usage_error(string match)
    {
        var json = RuleHead + match + "}]}}]}";

        var error = Assert.Throws<UsageException>(() => NftJsonParser.Parse(json));

        Assert.StartsWith("not nft JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("{\"nope\": []}")]
    public void Nft_listing_netlens_cannot_read_is_the_typed_error(string json)
    {
        Assert.Throws<UsageException>(() => NftJsonParser.Parse(json, new HashSet<string>()));
        Assert.Throws<UsageException>(() => NftJsonParser.TableNames(json));
    }

    [Fact]
    public void Iptables_save_declaring_a_chain_twice_keeps_one_chain()
    {
        var facts = new FirewallFacts(IptablesSaveParser.Parse("*filter\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:INPUT DROP [0:0]\nCOMMIT\n", AddressFamily.InterNetwork, "iptables-nft"));

        Assert.Equal(["INPUT", "OUTPUT"], facts.Chains.Select(c => c.Name));
        Assert.True(facts.CouldDrop(facts.Chains[0]));
    }

    [Fact]
    public void Iptables_save_rule_without_a_chain_is_the_typed_error()
    {
        Assert.Throws<UsageException>(() => IptablesSaveParser.Parse("*filter\n:INPUT ACCEPT [0:0]\n-A \nCOMMIT\n", AddressFamily.InterNetwork, "iptables-nft"));
    }

    [Fact]
    public void Nft_table_with_a_chain_twice_is_read_and_either_half_may_drop()
    {
        const string json = """{"nftables": [{"chain": {"family": "inet", "table": "t", "name": "c", "handle": 1}}, {"chain": {"family": "inet", "table": "t", "name": "c", "handle": 2}}, {"rule": {"family": "inet", "table": "t", "chain": "c", "handle": 3, "expr": [{"drop": null}]}}]}""";

        var facts = new FirewallFacts(NftJsonParser.Parse(json));

        Assert.All(facts.Chains, c => Assert.True(facts.CouldDrop(c)));
    }
}
