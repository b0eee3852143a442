using System.Diagnostics;

namespace NetLens.Lab.Tests.Routing;

/// <summary>
/// A link table that changes while it is dumped (links made and deleted in a loop beside 600 others): the kernel flags
/// some dumps NLM_F_DUMP_INTR, as ip's "Dump was interrupted" shows. netlens asks again, so every listing names the
/// route's device; a table that never holds still long enough is one line and exit 1, never a listing with holes.
/// </summary>
public sealed class InterruptedDumpLabTests
{
    private const int Runs = 40;

    [SkippableFact]
    public void Listings_taken_while_links_churn_are_whole_or_refused()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var ns = LabNamespace.Create("churn");
        Assert.Equal(0, ns.IpBatch(Enumerable.Range(1, 300).Select(i => $"link add zi{i} type veth peer name zj{i}"), force: false).ExitCode);
        ns.Ip("link set zi150 up");
        ns.Ip("link set zj150 up");
        ns.Ip("addr add 198.18.90.1/24 dev zi150");

        using var churn = Process.Start(new ProcessStartInfo("sh", ["-c", $"while :; do ip -n {ns.Name} link add zq type veth peer name zr; ip -n {ns.Name} link del zq; done"])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        try
        {
            // the churn is real only if ip, asking the same kernel meanwhile, is told so
            var ipInterrupted = Enumerable.Range(0, Runs).Count(_ => ns.TryIp("link show").Stderr.Contains("Dump was interrupted", StringComparison.Ordinal));
            Assert.True(ipInterrupted > 0, "no link dump was interrupted: the churn did not happen");

            var whole = 0;
            for (var i = 0; i < Runs; i++)
            {
                var run = NetLensRunner.Run("--netns", ns.Name, "routes", "-4");
                if (run.ExitCode == 0)
                {
                    Assert.Matches(@"(?m)^198\.18\.90\.0/24\s+-\s+zi150\s", run.Stdout);
                    whole++;
                }
                else
                {
                    Assert.Equal(1, run.ExitCode);
                    Assert.Contains("interrupted", Assert.Single(run.Stderr.TrimEnd().Split('\n')), StringComparison.Ordinal);
                }
            }

            Assert.True(whole > Runs / 2, $"only {whole} of {Runs} listings came through");
        }
        finally
        {
            churn.Kill(entireProcessTree: true);
            churn.WaitForExit();
        }
    }
}
