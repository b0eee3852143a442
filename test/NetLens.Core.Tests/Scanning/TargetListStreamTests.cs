using System.Net;
using NetLens.Core.Scanning;

namespace NetLens.Core.Tests.Scanning;

/// <summary>The hosts of a block are listed as they are read: a /8 never sits in memory whole.</summary>
public class TargetListStreamTests
{
    [Fact]
    public void Reading_the_first_hosts_of_a_slash_8_lists_only_those()
    {
        // Given a /8 (16.7 million addresses) under a cap that allows it
        var specs = new[] { TargetParser.Parse("198.0.0.0/8") };
        var before = GC.GetAllocatedBytesForCurrentThread();

        // When the first three hosts are read
        var first = TargetList.Stream(specs, _ => throw new InvalidOperationException(), maxHosts: int.MaxValue).Take(3).ToList();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Then they are the block's first three, and far less than one host per address was made (16.7 M would be GBs)
        Assert.Equal(["198.0.0.0", "198.0.0.1", "198.0.0.2"], first.Select(h => h.Address.ToString()));
        Assert.True(allocated < 1_000_000, $"reading three hosts allocated {allocated} bytes");
    }

    [Fact]
    public void The_cap_is_checked_when_the_stream_is_asked_for_not_when_it_is_read()
    {
        var error = Assert.Throws<UsageException>(() => TargetList.Stream([TargetParser.Parse("198.18.0.0/15")], _ => IPAddress.Loopback, maxHosts: 65_536));

        Assert.Contains("131072", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_are_resolved_only_when_their_host_is_read()
    {
        var asked = new List<string>();
        var hosts = TargetList.Stream([TargetParser.Parse("lab.example")], name =>
        {
            asked.Add(name);
            return IPAddress.Parse("198.18.0.9");
        });
        Assert.Empty(asked);

        Assert.Equal(new ScanHost(IPAddress.Parse("198.18.0.9"), "lab.example"), Assert.Single(hosts));
        Assert.Equal(["lab.example"], asked);
    }

    [Theory]
    [InlineData("198.18.4.0/22", "198.18.4.0", "198.18.7.255")]
    [InlineData("198.18.4.1-20", "198.18.4.1", "198.18.4.20")]
    [InlineData("2001:db8::/120", "2001:db8::", "2001:db8::ff")]
    [InlineData("198.18.4.7", "198.18.4.7", "198.18.4.7")]
    public void A_block_knows_its_first_and_last_address(string text, string first, string last)
    {
        var spec = TargetParser.Parse(text);

        Assert.Equal(IPAddress.Parse(first), spec.First);
        Assert.Equal(IPAddress.Parse(last), spec.Last);
    }
}
