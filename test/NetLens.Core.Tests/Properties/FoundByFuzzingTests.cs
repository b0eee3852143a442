using NetLens.Core.Firewall.Evaluation;
using NetLens.Core.Firewall.Facts;
using FactsIptables = NetLens.Core.Firewall.Facts.IptablesSaveParser;

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
    public void Nft_listing_netlens_cannot_read_is_invalid_data(string json)
    {
        Assert.Throws<InvalidDataException>(() => NftRulesetParser.Parse(json, new HashSet<string>()));
        Assert.Throws<InvalidDataException>(() => NftRulesetParser.TableNames(json));
    }

    [Fact]
    public void Iptables_save_declaring_a_chain_twice_keeps_one_chain()
    {
        var chains = FactsIptables.Parse("*filter\n:INPUT ACCEPT [0:0]\n:INPUT DROP [0:0]\nCOMMIT\n", FirewallBackend.IptablesNft, "ip");

        Assert.True(Assert.Single(chains).CouldDrop);
    }

    [Fact]
    public void Iptables_save_rule_without_a_chain_is_invalid_data()
    {
        Assert.Throws<InvalidDataException>(() => FactsIptables.Parse("*filter\n:INPUT ACCEPT [0:0]\n-A \nCOMMIT\n", FirewallBackend.IptablesNft, "ip"));
    }
}
