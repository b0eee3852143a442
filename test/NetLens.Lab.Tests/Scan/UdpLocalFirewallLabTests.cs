using NetLens.Lab.Tests.Doctor;

namespace NetLens.Lab.Tests.Scan;

/// <summary>A UDP probe this host's own output chain drops is refused with EPERM: the reason is local-firewall, not an ICMP the far side never sent.</summary>
public class UdpLocalFirewallLabTests
{
    [SkippableFact]
    public void A_udp_probe_dropped_by_the_local_output_chain_is_local_firewall()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorLab();
        DoctorLab.Nft(lab.Client, "table inet dkudp { chain output { type filter hook output priority 0; policy accept; udp dport 8080 drop; }\n}");

        var dropped = NetLensRunner.Run("--netns", lab.Client.Name, "scan", "-sU", "-Pn", "-p", "8080", "--reason", DoctorLab.ServerAddress);
        var control = NetLensRunner.Run("--netns", lab.Server.Name, "scan", "-sU", "-Pn", "-p", "8080", "--reason", "198.18.61.1");

        Assert.True(dropped.ExitCode == 0, dropped.Stderr);
        Assert.Matches(@"(?m)^8080/udp\s+filtered\s+\S+\s+local-firewall$", dropped.Stdout);
        Assert.DoesNotContain("local-firewall", control.Stdout, StringComparison.Ordinal);
    }
}
