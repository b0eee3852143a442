using System.Text.Json;

namespace NetLens.Lab.Tests.Trace;

/// <summary>mtr's -o, -w, -b, -4 and -6 on the lab chain, side by side with the real mtr -r -c N from the same namespace.</summary>
public class MtrOptionsLabTests(TraceChainLab lab) : IClassFixture<TraceChainLab>
{
    private const string Cycles = "5";

    private (string[] Ours, string[] Mtr) Both(string[] ours, string[] mtr, string? netlensFile = null)
    {
        var netlens = netlensFile is null
            ? NetLensRunner.Run(["--netns", lab.Source.Name, "trace", "-c", Cycles, "-i", "0", "--timeout", "1", .. ours])
            : Adapt(lab.Source.Exec(netlensFile, ["trace", "-c", Cycles, "-i", "0", "--timeout", "1", .. ours]));
        var classic = lab.Source.Exec("mtr", ["-r", "-c", Cycles, "-i", "0.1", .. mtr]);
        Assert.True(netlens.ExitCode == 0, netlens.Stderr);
        Assert.True(classic.ExitCode == 0, classic.Stderr);
        return (netlens.Stdout.TrimEnd('\n').Split('\n'), classic.Stdout.TrimEnd('\n').Split('\n'));
    }

    private static NetLensRun Adapt(CommandResult run) => new(run.ExitCode, run.Stdout, run.Stderr);

    [SkippableFact]
    public void Order_prints_mtrs_titles_and_the_counts_under_them_as_mtr_o_does()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        const string order = "SRDL NBAWVGJMX";

        var (ours, mtr) = Both(["-r", "-n", "-o", order, TraceChainLab.TargetV4], ["-n", "-o", order, TraceChainLab.TargetV4]);

        Assert.Equal(mtr.Length, ours.Length);
        Assert.Equal(mtr[1], ours[1]);
        for (var i = 2; i < mtr.Length; i++)
        {
            Assert.Equal(mtr[i].Length, ours[i].Length);

            // name, Snt, Rcv, Drop and Loss% are the same on a lossless path; the times differ run to run
            Assert.Equal(mtr[i][..56], ours[i][..56]);
        }
    }

    [SkippableFact]
    public void Report_wide_lays_out_names_whole_where_mtr_w_does()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var (ours, mtr) = Both(["-w", "-n", TraceChainLab.TargetV6], ["-w", "-n", TraceChainLab.TargetV6]);

        Assert.Equal(mtr.Length, ours.Length);
        Assert.Equal(mtr[1], ours[1]);
        var name = mtr[2].IndexOf('%', StringComparison.Ordinal);
        for (var i = 2; i < mtr.Length; i++)
        {
            Assert.Equal(mtr[i].Length, ours[i].Length);
            Assert.Equal(mtr[i][..name], ours[i][..name]);
        }
    }

    [SkippableFact]
    public void Show_ips_names_localhost_with_its_address_as_mtr_b_does()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var ours = NetLensRunner.Run("trace", "-r", "-b", "-w", "127.0.0.1", "-c", "2", "-i", "0");
        var mtr = Shell.Run("mtr", ["-r", "-b", "-w", "-c", "2", "-i", "0.1", "127.0.0.1"]);

        Assert.True(ours.ExitCode == 0, ours.Stderr);
        Skip.IfNot(mtr.Stdout.Contains("(127.0.0.1)", StringComparison.Ordinal), "this machine has no name for 127.0.0.1");
        var (ourRow, mtrRow) = (ours.Stdout.Split('\n')[2], mtr.Stdout.Split('\n')[2]);
        Assert.Equal(mtrRow[..mtrRow.IndexOf('%', StringComparison.Ordinal)], ourRow[..ourRow.IndexOf('%', StringComparison.Ordinal)]);
    }

    [SkippableFact]
    public void Four_and_six_trace_to_the_address_of_that_family_mtr_4_and_mtr_6_trace_to()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        // ip netns exec puts /etc/netns/NAME/hosts over /etc/hosts: a name with both families, for this namespace only
        var folder = Path.Combine("/etc/netns", lab.Source.Name);
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "hosts"), $"{TraceChainLab.TargetV4} lab-target\n{TraceChainLab.TargetV6} lab-target\n");
            foreach (var (family, address) in new[] { ("-4", TraceChainLab.TargetV4), ("-6", TraceChainLab.TargetV6) })
            {
                var (ours, mtr) = Both([family, "-n", "-r", "lab-target"], [family, "-n", "lab-target"], NativeBinary.Path);
                var json = lab.Source.Exec(NativeBinary.Path, ["--json", "trace", family, "-n", "-c", "1", "lab-target"]);

                Assert.Equal($"  {mtr.Length - 2}.|-- {address}", mtr[^1][..(8 + address.Length)]);
                Assert.Equal(mtr[^1][..33], ours[^1][..33]);
                Assert.Equal(address, JsonDocument.Parse(json.Stdout).RootElement.GetProperty("address").GetString());
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
