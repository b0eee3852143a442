using System.Text.Json;

namespace NetLens.Lab.Tests.Doctor;

/// <summary>
/// doctor given a name rather than an address. The whole binary runs inside the client namespace through `ip netns exec`,
/// which bind-mounts /etc/netns/NAME/hosts and resolv.conf over /etc's: the lab's own resolver files, so a query can only
/// go to the namespace's loopback (where nothing answers on port 53) and never to the machine's real resolver.
/// </summary>
public sealed class DoctorNameLabTests : IDisposable
{
    private readonly DoctorLab _lab = new();
    private readonly string _etc;

    public DoctorNameLabTests()
    {
        _etc = Path.Combine("/etc/netns", _lab.Client.Name);
        Directory.CreateDirectory(_etc);
        File.WriteAllText(Path.Combine(_etc, "hosts"), $"127.0.0.1 localhost\n{DoctorLab.ServerAddress} far-server.lab.test\n");
        File.WriteAllText(Path.Combine(_etc, "resolv.conf"), "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n");
    }

    [SkippableFact]
    public void A_name_in_the_hosts_file_is_resolved_and_probed()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = DoctorInside($"far-server.lab.test:{DoctorLab.Port}");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var json = Parse(run.Stdout);
        Assert.Equal("reachable", json.GetProperty("verdict").GetString());
        Assert.Equal(DoctorLab.ServerAddress, json.GetProperty("target").GetProperty("address").GetString());
        Assert.Contains(DoctorLab.ServerAddress, Step(json, "resolve").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_name_nobody_knows_is_a_dns_failure()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = DoctorInside($"nobody-knows.lab.test:{DoctorLab.Port}");

        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        var json = Parse(run.Stdout);
        Assert.Equal("blocked", json.GetProperty("verdict").GetString());
        var cause = json.GetProperty("cause");
        Assert.Equal("dns_failure", cause.GetProperty("kind").GetString());
        Assert.Equal("local", cause.GetProperty("where").GetString());
        Assert.Equal("drop", Step(json, "resolve").GetProperty("status").GetString());
        Assert.Contains("nobody-knows.lab.test", cause.GetProperty("evidence").GetString() + Step(json, "resolve").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Directory.Delete(_etc, recursive: true);
        _lab.Dispose();
    }

    private CommandResult DoctorInside(string destination) =>
        Shell.Run("ip", ["netns", "exec", _lab.Client.Name, NativeBinary.Path, "--json", "doctor", destination, "--timeout", "2"], timeout: TimeSpan.FromSeconds(60));

    private static JsonElement Parse(string stdout)
    {
        Json.JsonSchemaCheck.AssertValid("doctor", stdout);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private static JsonElement Step(JsonElement json, string kind) =>
        json.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("kind").GetString() == kind);
}
