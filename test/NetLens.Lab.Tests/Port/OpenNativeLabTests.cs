using System.Text.Json;

namespace NetLens.Lab.Tests.Port;

/// <summary>The NativeAOT binary users run: --netns makes nft run inside the lab (the child inherits the thread's namespace), and the JSON plan says what it did.</summary>
public class OpenNativeLabTests
{
    [SkippableFact]
    public void The_native_binary_opens_inside_the_namespace_and_reports_it_in_json()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new OpenLab(OpenLabFirewall.Nftables);

        var run = Shell.Run(NativeBinary.Path, ["--json", "--netns", lab.Host, "port", "open", $"{OpenLab.Port}/udp"]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var document = JsonDocument.Parse(run.Stdout);
        var change = Assert.Single(document.RootElement.GetProperty("changes").EnumerateArray());
        Assert.Equal("add", change.GetProperty("action").GetString());
        Assert.Equal("inet hard input", change.GetProperty("place").GetString());
        Assert.Equal("nft -f -", Assert.Single(document.RootElement.GetProperty("transactions").EnumerateArray()).GetProperty("command").GetString());
        Assert.True(document.RootElement.GetProperty("changed").GetBoolean());
        Assert.True(OpenTraffic.UdpPasses(lab.Client, OpenLab.Host4, OpenLab.Port, lab.Listeners.Udp, expectPass: true), "UDP still dropped after the native binary's open");
        Assert.DoesNotContain("netlens in udp 8472", Shell.Run("nft", ["list", "ruleset"]).Stdout, StringComparison.Ordinal);
    }
}
