namespace NetLens.Lab.Tests.Port;

/// <summary>Bad input: one line on stderr, exit 2, and neither the ruleset nor the services file changed.</summary>
public sealed class OpenBadInputLabTests : IDisposable
{
    private readonly string _services = Path.Combine(Path.GetTempPath(), $"netlens-services-{Guid.NewGuid():N}");

    public OpenBadInputLabTests() => File.WriteAllText(_services, "otv\t\t8472/udp\nhttp\t\t80/tcp\n");

    public static TheoryData<string[], string> Cases => new()
    {
        { ["9999"], "say 9999/tcp or 9999/udp" },
        { ["10000-10999"], "say 10000-10999/tcp or 10000-10999/udp" },
        { ["0/tcp"], "'0' is not a port" },
        { ["70000/udp"], "'70000' is not a port" },
        { ["80/sctp"], "'sctp' is not a protocol" },
        { ["90-80/tcp"], "runs backwards" },
        { ["80,,443/tcp"], "empty item" },
        { ["nosuchservice"], "has no service 'nosuchservice'" },
        { ["8472/udp", "--from", "198.18.300.1"], "--from 198.18.300.1: not an address" },
        { ["8472/udp", "--peer", "peer.example"], "--peer peer.example: not an address" },
        { ["8472/udp", "--from", "198.18.72.2", "--peer", "198.18.72.2"], "give one" },
        { ["8472/udp", "--from", "198.18.72.2", "--direction", "out"], "use --peer" },
        { ["8472/udp", "--direction", "sideways"], "say in, out or both" },
        { ["8472/udp", "--backend", "pf"], "say auto, nftables or iptables" },
        { ["9999/udp", "--name", "otv"], "already binds otv to 8472/udp" },
        { ["8472/tcp", "--name", "otv"], "already binds otv to 8472/udp" },
        { ["80,443/tcp", "--name", "web"], "stands for one port" },
        { ["8472/udp", "--name", "9lives"], "not starting with a digit" },
    };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Bad_input_exits_2_with_one_line_and_changes_nothing(string[] arguments, string expected)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new OpenLab(OpenLabFirewall.Nftables);
        var before = lab.Ruleset();
        var services = File.ReadAllText(_services);

        var run = NetLensRunner.Run(["--netns", lab.Host, "port", "open", .. arguments, "--services-file", _services]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("netlens: error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Equal(before, lab.Ruleset());
        Assert.Equal(services, File.ReadAllText(_services));
    }

    public void Dispose() => File.Delete(_services);
}
