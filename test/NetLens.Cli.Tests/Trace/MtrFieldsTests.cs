using System.Net;
using NetLens.Cli.Output.Trace;
using NetLens.Core.Trace;

namespace NetLens.Cli.Tests.Trace;

/// <summary>mtr -o's columns and mtr -w's and -b's names, compared with what mtr-tiny 0.95 printed.</summary>
public class MtrFieldsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 7, 6, 58, TimeSpan.Zero);

    private static HopReport Hop(int ttl, string address) => new()
    {
        Ttl = ttl,
        Hosts = [new HopHost(IPAddress.Parse(address), 3, 100)],
        Sent = 4,
        Received = 3,
        LossPercent = 25,
        LastMs = 0.12,
        AvgMs = 0.14,
        BestMs = 0.06,
        WorstMs = 0.24,
        StDevMs = 0.09,
        JitterMs = 0.11,
        CurrentJitterMs = 0.04,
        WorstJitterMs = 0.18,
        GeometricMeanMs = 0.13,
        ReachedDestination = true,
        LossKind = LossKind.None,
    };

    private static MtrFields Parse(string order)
    {
        Assert.True(MtrFields.TryParse(order, out var fields, out _));
        return fields;
    }

    private static string Report(IReadOnlyList<HopReport> hops, Func<IPAddress, string> name, MtrFields? fields = null, bool wide = false)
    {
        var output = new StringWriter { NewLine = "\n" };
        MtrReportWriter.Write(output, "vm", Start, hops, h => name(h.Hosts[0].Address), name, fields: fields, wide: wide);
        return output.ToString();
    }

    [Fact]
    public void Every_letter_has_mtrs_title_in_mtrs_width()
    {
        // mtr -r -o "LDRSNBAWVGJMXI" 127.0.0.1, without the Jint column netlens does not offer
        Assert.Equal(" Loss% Drop   Rcv   Snt  Last  Best   Avg  Wrst StDev Gmean Jttr Javg Jmax", Parse("LDRSNBAWVGJMX").Titles());
    }

    [Fact]
    public void The_default_order_is_mtrs_default_report()
    {
        Assert.Equal(MtrReportWriter.Titles, MtrFields.Default.Titles());
        Assert.Equal(MtrReportWriter.Titles, Parse("LS NABWV").Titles());
    }

    [Fact]
    public void Values_sit_under_their_titles_in_the_order_given()
    {
        var fields = Parse("XJMG VWABNSRDL");

        var titles = fields.Titles();
        var values = fields.Numbers(Hop(1, "198.18.1.2"));

        Assert.Equal(" Jmax Jttr Javg Gmean  StDev  Wrst   Avg  Best  Last   Snt   Rcv Drop Loss%", titles);
        Assert.Equal("  0.2  0.0  0.1   0.1    0.1   0.2   0.1   0.1   0.1     4     3    1 25.0%", values);
        Assert.Equal(titles.Length, values.Length);
    }

    [Fact]
    public void A_report_prints_only_the_columns_asked_for()
    {
        var report = Report([Hop(1, "127.0.0.1")], a => a.ToString(), Parse("DR"));

        Assert.Equal(
            """
            Start: 2026-12-07T07:06:58+0000
            HOST: vm                          Drop   Rcv
              1.|-- 127.0.0.1                    1     3

            """.Replace("\r", "", StringComparison.Ordinal),
            report);
    }

    [Theory]
    [InlineData("LSZ", 'Z')]
    [InlineData("ls", 'l')]
    [InlineData("I", 'I')]
    public void A_letter_mtr_does_not_document_or_netlens_does_not_offer_is_named(string order, char unknown)
    {
        Assert.False(MtrFields.TryParse(order, out _, out var found));
        Assert.Equal(unknown, found);
    }

    [Fact]
    public void The_wide_report_pads_names_to_the_longest_and_the_titles_sit_two_columns_left_as_mtr_w_prints_them()
    {
        // mtr -r -w -c 1 -b 127.0.0.1 (mtr-tiny 0.95)
        var expected = """
            Start: 2026-12-07T07:06:58+0000
            HOST: vm                    Loss%   Snt   Last   Avg  Best  Wrst StDev
              1.|-- localhost (127.0.0.1) 25.0%     4    0.1   0.1   0.1   0.2   0.1

            """.Replace("\r", "", StringComparison.Ordinal);

        var report = Report([Hop(1, "127.0.0.1")], a => $"localhost ({a})", wide: true);

        Assert.Equal(expected, report);
    }

    [Fact]
    public void Without_wide_a_long_name_is_cut_at_mtrs_column()
    {
        var name = "a-very-long-router-name.example.net";

        var row = Report([Hop(1, "198.18.1.2")], _ => name).Split('\n')[2];
        var wideRow = Report([Hop(1, "198.18.1.2")], _ => name, wide: true).Split('\n')[2];

        Assert.Equal("  1.|-- a-very-long-router-name.e 25.0%", row[..39]);
        Assert.StartsWith($"  1.|-- {name} 25.0%", wideRow, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_ips_writes_a_named_host_as_name_and_address_and_an_unnamed_one_as_its_address()
    {
        var named = IPAddress.Parse("127.0.0.1");
        var unnamed = IPAddress.Parse("198.18.1.2");
        using var names = new ReverseNames(new ReverseNameCache(new OneName(named, "localhost"))) { ShowAddresses = true };
        names.Request(named);
        names.Request(unnamed);

        await names.WaitForPendingAsync(TimeSpan.FromSeconds(5), CancellationToken.None);

        // mtr -r -b 127.0.0.1 prints "localhost (127.0.0.1)"; mtr -r -b on the lab chain prints bare addresses
        Assert.Equal("localhost (127.0.0.1)", names.Display(named));
        Assert.Equal("198.18.1.2", names.Display(unnamed));
    }

    private sealed class OneName(IPAddress address, string name) : IReverseNameResolver
    {
        public Task<string?> ResolveAsync(IPAddress query, CancellationToken cancellationToken) =>
            Task.FromResult(query.Equals(address) ? name : null);
    }
}
