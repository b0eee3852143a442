using NetLens.Cli.Parsing;

namespace NetLens.Cli.Tests.Parsing;

public class IpSpellingTests
{
    [Theory]
    [InlineData("route get 1.2.3.4 mark 0x10 from 198.18.0.1 iif eth0", "route get 1.2.3.4 --mark 0x10 --from 198.18.0.1 --iif eth0")]
    [InlineData("r g 198.18.0.1", "route get 198.18.0.1")]
    [InlineData("ro ge 198.18.0.1 oif eth1 uid 1000", "route get 198.18.0.1 --oif eth1 --uid 1000")]
    [InlineData("--netns lab --json r g 198.18.0.1 dsfield 7", "--netns lab --json route get 198.18.0.1 --tos 7")]
    [InlineData("route get to 198.18.0.1 ipproto tcp dport 443 sport 4000 tos 0x10", "route get 198.18.0.1 --ipproto tcp --dport 443 --sport 4000 --tos 0x10")]
    [InlineData("route 198.18.0.1 from 198.18.0.2", "route 198.18.0.1 --from 198.18.0.2")]
    [InlineData("r s", "routes")]
    [InlineData("route show --format ip", "routes --format ip")]
    [InlineData("ro list -4", "routes -4")]
    public void Ips_words_become_netlens_options(string typed, string meant)
    {
        Assert.Equal(meant.Split(' '), IpSpelling.Rewrite(typed.Split(' ')));
    }

    [Theory]
    [InlineData("routes")]
    [InlineData("routes --check")]
    [InlineData("route")]
    [InlineData("route get --from from 198.18.0.1")]
    [InlineData("sockets -tan")]
    [InlineData("scan 198.18.0.1 -p 22")]
    [InlineData("--netns route routes")]
    [InlineData("trace 198.18.0.1 from")]
    public void Everything_else_is_left_as_typed(string typed)
    {
        Assert.Equal(typed.Split(' '), IpSpelling.Rewrite(typed.Split(' ')));
    }
}
