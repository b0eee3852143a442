using NetLens.Core.Routing.Names;
using NetLens.Linux.Config;

namespace NetLens.Linux.Tests.Config;

public class IpNamesFilesTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "iproute2");

    private static IpNames Load() => IpNamesFiles.Load(Path.Combine(Root, "etc"), Path.Combine(Root, "usr"));

    [Fact]
    public void Etc_file_names_user_tables_in_decimal_and_hex()
    {
        var names = Load();

        Assert.Equal("hexa", names.TableName(0x65));
        Assert.Equal("main", names.TableName(254));
    }

    [Fact]
    public void Conf_directory_overrides_the_main_file_and_ignores_other_extensions()
    {
        var names = Load();

        Assert.Equal("vpn-override", names.TableName(100));
        Assert.Equal("fromconf", names.TableName(200));
        Assert.Equal("300", names.TableName(300));
    }

    [Fact]
    public void Missing_etc_file_falls_back_to_usr_share()
    {
        Assert.Equal("seven", Load().ScopeName(7));
    }

    [Fact]
    public void A_corrupt_line_stops_that_file_like_iproute2()
    {
        var names = Load();

        Assert.Equal("one", names.RealmName(1));
        Assert.Equal("2", names.RealmName(2));
    }

    [Fact]
    public void Missing_directories_leave_the_builtin_names()
    {
        var names = IpNamesFiles.Load(Path.Combine(Root, "nowhere"));

        Assert.Equal("bird", names.ProtocolName(12));
        Assert.Equal("unspec", names.TableName(0));
    }
}
