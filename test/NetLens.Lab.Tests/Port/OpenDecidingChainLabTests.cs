namespace NetLens.Lab.Tests.Port;

/// <summary>
/// Where the rule must go: with a native nftables table and iptables-nft both dropping, an accept in one does not
/// override the other's drop. auto opens in both; --backend iptables alone leaves the port closed and says why.
/// </summary>
public class OpenDecidingChainLabTests
{
    [SkippableFact]
    public void Auto_opens_in_every_table_that_drops_and_traffic_passes()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(OpenLab.Available(OpenLabFirewall.IptablesNft), "iptables-nft is not installed");
        using var lab = new OpenLab(OpenLabFirewall.IptablesNft);
        AddNativeDropTable(lab);
        var before = Listing(lab);

        var run = NetLensRunner.Run("--netns", lab.Host, "port", "open", $"{OpenLab.Port}/tcp");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("+ inet extra input:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("+ iptables filter INPUT:", run.Stdout, StringComparison.Ordinal);
        Assert.True(OpenTraffic.TcpPasses(lab.Client, OpenLab.Host4, OpenLab.Port, expectPass: true), "one of the two drops still catches the SYN");

        var close = NetLensRunner.Run("--netns", lab.Host, "port", "close", $"{OpenLab.Port}/tcp");
        Assert.True(close.ExitCode == 0, close.Stderr);
        Assert.Equal(before, Listing(lab));
    }

    [SkippableFact]
    public void One_backend_alone_leaves_the_port_closed_and_names_the_chain_that_still_drops()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(OpenLab.Available(OpenLabFirewall.IptablesNft), "iptables-nft is not installed");
        using var lab = new OpenLab(OpenLabFirewall.IptablesNft);
        AddNativeDropTable(lab);

        var run = NetLensRunner.Run("--netns", lab.Host, "port", "open", $"{OpenLab.Port}/tcp", "--backend", "iptables");

        // the port is not open: exit 1 (issue 15), though the iptables half went in
        Assert.True(run.ExitCode == 1, run.Stderr);
        Assert.Contains("inet extra input can still drop tcp 8472", run.Stdout, StringComparison.Ordinal);
        Assert.False(OpenTraffic.TcpPasses(lab.Client, OpenLab.Host4, OpenLab.Port, expectPass: false), "the native table's drop was expected to win");
    }

    [SkippableFact]
    public void A_host_managed_by_ufw_is_refused_with_ufws_own_command()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        Skip.IfNot(OpenLab.Available(OpenLabFirewall.IptablesNft), "iptables-nft is not installed");
        using var lab = new OpenLab(OpenLabFirewall.IptablesNft);
        Assert.Equal(0, lab.ExecHost("iptables-nft", "-N", "ufw-user-input").ExitCode);
        var before = lab.Ruleset();

        var run = NetLensRunner.Run("--netns", lab.Host, "port", "open", "8472/udp");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ufw manages this firewall", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("ufw allow to any port 8472 proto udp", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, lab.Ruleset());
    }

    [SkippableFact]
    public void Opening_inside_a_namespace_leaves_the_hosts_own_ruleset_alone()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new OpenLab(OpenLabFirewall.Nftables);

        var run = NetLensRunner.Run("--netns", lab.Host, "port", "open", $"{OpenLab.Port}/udp");

        // the tools ran from a thread inside the namespace: the rule is there, and not in this machine's own ruleset
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("netlens in udp 8472", lab.Ruleset(), StringComparison.Ordinal);
        Assert.DoesNotContain("netlens in udp 8472", Shell.Run("nft", ["list", "ruleset"]).Stdout, StringComparison.Ordinal);
        foreach (var save in new[] { "iptables-nft-save", "ip6tables-nft-save", "iptables-legacy-save" })
        {
            if (Shell.Run("sh", ["-c", $"command -v {save}"]).ExitCode == 0)
            {
                Assert.DoesNotContain("netlens", Shell.Run(save, []).Stdout, StringComparison.Ordinal);
            }
        }
    }

    private static void AddNativeDropTable(OpenLab lab)
    {
        var result = Shell.Run("ip", ["netns", "exec", lab.Host, "nft", "-f", "-"], "table inet extra {\n chain input { type filter hook input priority 10; policy drop; ct state established,related accept; iif lo accept; meta l4proto ipv6-icmp accept; }\n}\n");
        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    private static string Listing(OpenLab lab) => lab.Ruleset() + lab.ExecHost("nft", "list", "table", "inet", "extra").Stdout;
}
