using NetLens.Cli.Snapshots;
using NetLens.Core;

namespace NetLens.Cli.Tests.Properties;

/// <summary>The inputs the fuzz targets found raising untyped exceptions, kept as plain cases.</summary>
public class FoundByFuzzingTests
{
    [Fact]
    public void A_snapshot_whose_first_name_is_not_utf8_is_not_a_snapshot()
    {
        byte[] bytes = [(byte)'{', (byte)'"', 0xff, 0xff, (byte)'"', (byte)':', (byte)'1', (byte)'}'];

        var error = Assert.Throws<UsageException>(() => RoutingSnapshotFile.Parse(bytes, "bad.json"));

        Assert.Contains("is not a netlens routing snapshot", error.Message, StringComparison.Ordinal);
    }
}
