using System.Text.Json;

namespace NetLens.Lab.Tests.Trace;

/// <summary>
/// A router that answers "cannot be reached" with a code: the hop carries traceroute's mark after the host (!X for
/// admin-prohibited, !H for host unreachable) in the report, and the ICMP type and code in JSON. Ground truth: the
/// reject rule this test puts on the second router of the lab chain.
/// </summary>
public class TraceIcmpCodeLabTests(TraceChainLab lab) : IClassFixture<TraceChainLab>
{
    private const string Table = "netlens_code";

    [SkippableTheory]
    [InlineData("admin-prohibited", "!X", 13)]
    [InlineData("host-unreachable", "!H", 1)]
    public void A_reject_on_the_second_router_is_marked_where_it_answers_and_ends_the_report(string reject, string mark, int code)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var router = lab.Router(2);
        Check(router.Exec("nft", ["add", "table", "ip", Table]));
        try
        {
            Check(router.Exec("nft", ["add", "chain", "ip", Table, "f", "{ type filter hook forward priority 0 ; }"]));
            Check(router.Exec("nft", ["add", "rule", "ip", Table, "f", "ip", "daddr", TraceChainLab.TargetV4, "reject", "with", "icmp", "type", reject]));

            var report = NetLensRunner.Run(["--netns", lab.Source.Name, "trace", "-n", "-c", "2", "-i", "0", "--timeout", "0.5", "-r", TraceChainLab.TargetV4]);
            // TTL 2 expires on the router before its forward hook: the reject answers from TTL 3, the last row.
            var rows = report.Stdout.Split('\n').Where(l => l.Contains(".|-- ", StringComparison.Ordinal)).ToArray();
            Assert.True(rows.Length == 3 && rows[2].Contains($"{TraceChainLab.HopV4(2)} {mark}", StringComparison.Ordinal), report.Stdout + report.Stderr);
            var mtr = lab.Source.Exec("mtr", ["-r", "-n", "-c", "2", "-i", "0.1", "-Z", "1", TraceChainLab.TargetV4]).Stdout;
            Assert.True(mtr.Split('\n').Count(l => l.Contains(".|-- ", StringComparison.Ordinal)) == rows.Length, mtr);

            var json = NetLensRunner.Run(["--netns", lab.Source.Name, "--json", "trace", "-n", "-c", "2", "-i", "0", "--timeout", "0.5", TraceChainLab.TargetV4]);
            Json.JsonSchemaCheck.AssertValid("trace", json.Stdout);
            var hop = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("hops").EnumerateArray().Single(h => h.GetProperty("ttl").GetInt32() == 3);
            var unreachable = hop.GetProperty("unreachable");
            Assert.Equal(3, unreachable.GetProperty("icmp_type").GetInt32());
            Assert.Equal(code, unreachable.GetProperty("icmp_code").GetInt32());
            Assert.Equal(mark, unreachable.GetProperty("mark").GetString());
            Assert.False(JsonDocument.Parse(json.Stdout).RootElement.GetProperty("destination_reached").GetBoolean());
        }
        finally
        {
            router.Exec("nft", ["delete", "table", "ip", Table]);
        }
    }

    private static void Check(CommandResult result) => Assert.True(result.ExitCode == 0, result.Stderr);
}
