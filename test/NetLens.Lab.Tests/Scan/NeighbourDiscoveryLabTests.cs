using System.Text.Json;

namespace NetLens.Lab.Tests.Scan;

/// <summary>
/// A host on the scanner's own link that drops every IP packet it gets but still answers ARP and neighbour
/// discovery: nmap's ARP ping calls it up, and so must netlens (arp-response / nd-response); an address nobody
/// holds stays down.
/// </summary>
public sealed class NeighbourDiscoveryLab : IDisposable
{
    public const string Silent = "198.18.10.2";
    public const string Nobody = "198.18.10.3";
    public const string Silent6 = "2001:db8:10::2";
    public const string Nobody6 = "2001:db8:10::3";

    private readonly LabNamespace? _scanner;
    private readonly LabNamespace? _silent;

    public NeighbourDiscoveryLab()
    {
        if (!LabPrivileges.IsRoot)
        {
            return;
        }

        try
        {
            _scanner = LabNamespace.Create("ndscan");
            _silent = LabNamespace.Create("ndsilent");
            VethLink.Connect(_scanner, "n0", _silent, "n1");
            _scanner.Ip("addr add 198.18.10.1/24 dev n0");
            _scanner.Ip("addr add 2001:db8:10::1/64 dev n0 nodad");
            _silent.Ip($"addr add {Silent}/24 dev n1");
            _silent.Ip($"addr add {Silent6}/64 dev n1 nodad");
            const string rules = "table inet lab {\n"
                + " chain in { type filter hook input priority 0; policy drop; icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept; }\n"
                + " chain out { type filter hook output priority 0; policy drop; icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert } accept; }\n"
                + "}\n";
            var nft = Shell.Run("ip", ["netns", "exec", _silent.Name, "nft", "-f", "-"], rules);
            if (nft.ExitCode != 0)
            {
                throw new InvalidOperationException($"lab setup failed: {nft.Stderr}");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Scanner => _scanner?.Name ?? throw new InvalidOperationException("no lab without root");

    public CommandResult ExecInScanner(string file, params string[] arguments) => _scanner!.Exec(file, arguments);

    public void Dispose()
    {
        _scanner?.Dispose();
        _silent?.Dispose();
    }
}

public class NeighbourDiscoveryLabTests(NeighbourDiscoveryLab lab) : IClassFixture<NeighbourDiscoveryLab>
{
    [SkippableFact]
    public void As_root_a_host_that_drops_every_probe_is_up_by_its_arp_answer()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Scanner, "scan", "-sn", NeighbourDiscoveryLab.Silent, NeighbourDiscoveryLab.Nobody, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal([(NeighbourDiscoveryLab.Silent, "up", "arp-response"), (NeighbourDiscoveryLab.Nobody, "down", "no-response")], Hosts(run.Stdout));
    }

    [SkippableFact]
    public void As_root_an_ipv6_host_that_drops_every_probe_is_up_by_its_neighbour_advertisement()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Scanner, "scan", "-sn", NeighbourDiscoveryLab.Silent6, NeighbourDiscoveryLab.Nobody6, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal([(NeighbourDiscoveryLab.Silent6, "up", "nd-response"), (NeighbourDiscoveryLab.Nobody6, "down", "no-response")], Hosts(run.Stdout));
    }

    [SkippableFact]
    public void Unprivileged_the_connect_probes_arp_answer_proves_it_up_too()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var result = lab.ExecInScanner(
            "setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", NativeBinary.Path,
                "scan", "-sn", NeighbourDiscoveryLab.Silent, NeighbourDiscoveryLab.Nobody, "--json"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal([(NeighbourDiscoveryLab.Silent, "up", "arp-response"), (NeighbourDiscoveryLab.Nobody, "down", "no-response")], Hosts(result.Stdout));
    }

    private static List<(string Address, string Status, string Reason)> Hosts(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("hosts").EnumerateArray().Select(h => (
            h.GetProperty("address").GetString()!,
            h.GetProperty("status").GetString()!,
            h.GetProperty("reason").GetString()!))];
    }
}
