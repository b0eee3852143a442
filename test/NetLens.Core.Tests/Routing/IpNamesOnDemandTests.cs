using NetLens.Core.Routing.Names;

namespace NetLens.Core.Tests.Routing;

public class IpNamesOnDemandTests
{
    private sealed class CountingLoader(string tablesText)
    {
        public int Calls { get; private set; }

        public IReadOnlyList<string> Load(IpNameKind kind)
        {
            Calls++;
            return kind == IpNameKind.Tables ? [tablesText] : [];
        }
    }

    [Fact]
    public void Built_in_names_are_answered_without_reading_files()
    {
        var loader = new CountingLoader("100 vpn\n");
        var names = IpNames.OnDemand(loader.Load);

        Assert.Equal("main", names.TableName(254));
        Assert.Equal("kernel", names.ProtocolName(2));
        Assert.Equal(0, loader.Calls);
    }

    [Fact]
    public void An_unknown_id_reads_the_files_once_and_then_knows_their_names()
    {
        var loader = new CountingLoader("100 vpn\n");
        var names = IpNames.OnDemand(loader.Load);

        Assert.Equal("vpn", names.TableName(100));
        Assert.Equal("300", names.TableName(300));
        Assert.Equal(1, loader.Calls);
    }

    [Fact]
    public void An_unknown_name_reads_the_files_to_resolve_it()
    {
        var names = IpNames.OnDemand(new CountingLoader("100 vpn\n").Load);

        Assert.True(names.TryGetId(IpNameKind.Tables, "vpn", out var id));
        Assert.Equal(100u, id);
        Assert.False(names.TryGetId(IpNameKind.Tables, "nosuch", out _));
    }

    [Fact]
    public void On_demand_instances_do_not_leak_into_the_defaults()
    {
        _ = IpNames.OnDemand(new CountingLoader("100 vpn\n").Load).TableName(100);

        Assert.Equal("100", IpNames.Default.TableName(100));
    }
}
