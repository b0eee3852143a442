using System.Text;
using NetLens.Core.Firewall.Spec;
using NetLens.Core.Services;

namespace NetLens.Core.Tests.Firewall;

/// <summary>The services file is edited as bytes: open then close --name gives back the very bytes it started from.</summary>
public class ServicesTableBytesTests
{
    private static readonly ResolvedPorts Otv = new([new PortGroup(FirewallProtocol.Udp, [new PortRange(8472, 8472)])], []);
    private static readonly ResolvedPorts OtvBoth = new(
        [new PortGroup(FirewallProtocol.Tcp, [new PortRange(8472, 8472)]), new PortGroup(FirewallProtocol.Udp, [new PortRange(8472, 8472)])], []);

    public static TheoryData<string, byte[]> Files => new()
    {
        { "LF with a final newline", "# services\nssh\t\t22/tcp\n"u8.ToArray() },
        { "CRLF", "# services\r\nssh\t\t22/tcp\r\n"u8.ToArray() },
        { "no final newline", "# services\nssh\t\t22/tcp"u8.ToArray() },
        { "CRLF without a final newline", "# services\r\nssh\t\t22/tcp"u8.ToArray() },
        { "Latin-1 comment", Encoding.Latin1.GetBytes("# Dienste f\u00fcr M\u00fcller\nssh\t\t22/tcp\t# \u00e9t\u00e9\n") },
        { "Latin-1, CRLF, no final newline", Encoding.Latin1.GetBytes("# caf\u00e9\r\nssh\t\t22/tcp\t# \u00e9t\u00e9") },
        { "empty", [] },
        { "only a newline", "\n"u8.ToArray() },
        { "mixed endings", "a 1/tcp\r\nb 2/tcp\nc 3/tcp\r\n"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Open_then_close_gives_back_the_same_bytes(string kind, byte[] original)
    {
        var opened = Open(original, Otv);
        var closed = Close(opened, Otv);

        Assert.True(original.AsSpan().SequenceEqual(closed), $"{kind}: {Convert.ToHexString(original)} became {Convert.ToHexString(closed)}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Two_lines_added_at_once_are_taken_back_exactly(string kind, byte[] original)
    {
        var closed = Close(Open(original, OtvBoth), OtvBoth);

        Assert.True(original.AsSpan().SequenceEqual(closed), $"{kind}: {Convert.ToHexString(original)} became {Convert.ToHexString(closed)}");
    }

    [Fact]
    public void The_added_line_uses_the_files_crlf()
    {
        var opened = Open("ssh 22/tcp\r\n"u8.ToArray(), Otv);

        Assert.Equal("ssh 22/tcp\r\notv\t\t8472/udp\t# added by netlens\r\n"u8.ToArray(), opened);
        Assert.Single(ServicesTable.Parse(opened).Named("otv"), e => e.AddedByNetlens);
    }

    [Fact]
    public void A_file_without_a_final_newline_still_has_none_after_open()
    {
        var opened = Open("ssh 22/tcp"u8.ToArray(), Otv);

        Assert.Equal("ssh 22/tcp\notv\t\t8472/udp\t# added by netlens"u8.ToArray(), opened);
    }

    [Fact]
    public void An_empty_file_gets_one_lf_terminated_line()
    {
        Assert.Equal("otv\t\t8472/udp\t# added by netlens\n"u8.ToArray(), Open([], Otv));
    }

    [Fact]
    public void Latin1_bytes_are_kept_and_shown_as_latin1()
    {
        var original = Encoding.Latin1.GetBytes("# M\u00fcller\nssh 22/tcp\n");

        var table = ServicesTable.Parse(original);
        var opened = table.Edit(["x 1/tcp"], []);

        Assert.Equal("# M\u00fcller", table.Lines[0]);
        Assert.Equal([.. original, .. "x 1/tcp\n"u8.ToArray()], opened);
        Assert.Equal(22, Assert.Single(table.Named("ssh")).Port);
    }

    [Fact]
    public void A_crlf_line_is_parsed_without_its_carriage_return()
    {
        var table = ServicesTable.Parse("otv\t\t8472/udp\t# added by netlens\r\n"u8);

        var entry = Assert.Single(table.Entries);
        Assert.True(entry.AddedByNetlens);
        Assert.Equal("udp", entry.Protocol);
        Assert.Equal("otv\t\t8472/udp\t# added by netlens", table.Lines[0]);
    }

    [Fact]
    public void Bytes_are_the_file_as_read()
    {
        var original = Encoding.Latin1.GetBytes("# \u00e9\r\nssh 22/tcp");

        Assert.Equal(original, ServicesTable.Parse(original).Bytes.ToArray());
    }

    private static byte[] Open(byte[] original, ResolvedPorts ports)
    {
        var table = ServicesTable.Parse(original);
        var naming = ServiceNaming.PlanOpen(table, "otv", "/etc/services", ports);
        return table.Edit(naming.Added, naming.Removed.Select(e => e.Line).ToHashSet());
    }

    private static byte[] Close(byte[] opened, ResolvedPorts ports)
    {
        var table = ServicesTable.Parse(opened);
        var naming = ServiceNaming.PlanClose(table, "otv", ports);
        Assert.NotEmpty(naming.Removed);
        return table.Edit(naming.Added, naming.Removed.Select(e => e.Line).ToHashSet());
    }
}
