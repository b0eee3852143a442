using System.Text.Json;

namespace NetLens.Lab.Tests.Trace;

/// <summary>
/// Reverse names end to end on loopback, the one address this machine names without asking a DNS server (/etc/hosts,
/// "files" first in nsswitch): the name netlens shows must be the one getent(1) gives through the same C library.
/// </summary>
public class DnsLabTests
{
    private const string Loopback = "127.0.0.1";

    private static string GetentName()
    {
        var getent = Shell.Run("getent", ["hosts", Loopback]);
        Skip.If(getent.ExitCode != 0, "this machine has no name for 127.0.0.1");
        return getent.Stdout.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries)[1];
    }

    [SkippableFact]
    public void The_report_names_the_hop_as_mtr_r_does_and_with_n_shows_the_address()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var name = GetentName();

        var named = NetLensRunner.Run("trace", "--report", Loopback, "-c", "2", "-i", "0");
        var numeric = NetLensRunner.Run("trace", "--report", "-n", Loopback, "-c", "2", "-i", "0");

        Assert.True(named.ExitCode == 0, named.Stderr);
        Assert.StartsWith($"  1.|-- {name} ", named.Stdout.Split('\n')[2], StringComparison.Ordinal);
        Assert.StartsWith($"  1.|-- {Loopback} ", numeric.Stdout.Split('\n')[2], StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Json_gives_each_host_its_name_and_none_with_n()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var name = GetentName();

        var named = NetLensRunner.Run("--json", "trace", Loopback, "-c", "2", "-i", "0");
        var numeric = NetLensRunner.Run("--json", "trace", "-n", Loopback, "-c", "2", "-i", "0");

        static JsonElement Host(NetLensRun run) => JsonDocument.Parse(run.Stdout).RootElement.GetProperty("hops")[0].GetProperty("hosts")[0];
        Assert.Equal(name, Host(named).GetProperty("name").GetString());
        Assert.False(Host(numeric).TryGetProperty("name", out _));
    }
}
