namespace NetLens.Lab.Tests.Port;

/// <summary>The services-file half of the sheet's step: --name adds the line once, close takes exactly it away, and the sheet's tcp-for-udp bug is named.</summary>
public sealed class OpenServicesLabTests : IDisposable
{
    private const string Original = "# the admin's own file\nssh\t\t22/tcp\nvxlan\t\t4789/udp\n";
    private readonly string _services = Path.Combine(Path.GetTempPath(), $"netlens-services-{Guid.NewGuid():N}");

    public OpenServicesLabTests() => File.WriteAllText(_services, Original);

    [SkippableFact]
    public void Name_adds_the_line_once_and_close_removes_only_it()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new OpenLab(OpenLabFirewall.Nftables);

        var first = NetLensRunner.Run("--netns", lab.Host, "port", "open", "8472/udp", "--name", "otv", "--services-file", _services);
        var second = NetLensRunner.Run("--netns", lab.Host, "port", "open", "8472/udp", "--name", "otv", "--services-file", _services);

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("already open: nothing changed", second.Stdout, StringComparison.Ordinal);
        var named = File.ReadAllLines(_services);
        Assert.Single(named, l => l.StartsWith("otv\t", StringComparison.Ordinal) && l.Contains("8472/udp", StringComparison.Ordinal));

        // the name now resolves: a bare service name is a SPEC
        var byName = NetLensRunner.Run("--netns", lab.Host, "port", "open", "otv", "--services-file", _services);
        Assert.Contains("already open", byName.Stdout, StringComparison.Ordinal);

        var close = NetLensRunner.Run("--netns", lab.Host, "port", "close", "8472/udp", "--name", "otv", "--services-file", _services);

        Assert.True(close.ExitCode == 0, close.Stderr);
        Assert.Equal(Original, File.ReadAllText(_services));
    }

    [SkippableFact]
    public void Tcp_for_a_service_known_as_udp_is_warned_with_the_right_protocol()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new OpenLab(OpenLabFirewall.Nftables);

        var run = NetLensRunner.Run("--netns", lab.Host, "port", "open", "4789/tcp", "--services-file", _services, "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("netlens: warning: port 4789 is vxlan 4789/udp", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean 4789/udp?", run.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_bare_port_takes_its_protocol_from_the_services_file()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new OpenLab(OpenLabFirewall.Nftables);

        var run = NetLensRunner.Run("--netns", lab.Host, "port", "open", "4789", "--services-file", _services, "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("port open 4789/udp", run.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_services);
}
