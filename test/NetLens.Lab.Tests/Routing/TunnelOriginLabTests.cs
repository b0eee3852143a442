using System.Text.Json;

namespace NetLens.Lab.Tests.Routing;

/// <summary>
/// A real vxlan (VNI 42, UDP 8472) between two namespaces over veth: `routes` and `route get` name the overlay with the
/// VNI, remote and port the kernel itself reports (`ip -d -j link show`), and `sockets` names the kernel's UDP socket
/// on 8472 as the tunnel's.
/// </summary>
public sealed class TunnelOriginLabTests
{
    /// <summary>Both ends of vxlan42; <paramref name="a"/> holds the underlay 198.18.2.1, <paramref name="b"/> 198.18.2.2.</summary>
    internal static void Build(LabNamespace a, LabNamespace b)
    {
        VethLink.Connect(a, "ua0", b, "ub0");
        a.Ip("addr add 198.18.2.1/24 dev ua0");
        b.Ip("addr add 198.18.2.2/24 dev ub0");
        foreach (var (ns, local, remote, overlay) in new[] { (a, "198.18.2.1", "198.18.2.2", "198.19.42.1"), (b, "198.18.2.2", "198.18.2.1", "198.19.42.2") })
        {
            ns.Ip($"link add vxlan42 type vxlan id 42 remote {remote} local {local} dstport 8472 dev {(ns == a ? "ua0" : "ub0")}");
            ns.Ip($"addr add {overlay}/24 dev vxlan42");
            ns.Ip("link set vxlan42 up");
        }
    }

    [SkippableFact]
    public void Routes_route_getand_sockets_name_the_vxlan()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var a = LabNamespace.Create("vxa");
        using var b = LabNamespace.Create("vxb");
        Build(a, b);

        // the kernel's own account of the device, as ip -d reports it
        using var ip = JsonDocument.Parse(a.Ip("-d -j link show vxlan42"));
        var data = ip.RootElement[0].GetProperty("linkinfo").GetProperty("info_data");
        var expected = $"overlay (vxlan {data.GetProperty("id").GetInt32()} via {data.GetProperty("remote").GetString()}:{data.GetProperty("port").GetInt32()})";
        Assert.Equal("overlay (vxlan 42 via 198.18.2.2:8472)", expected);

        var routes = NetLensRunner.Run("--netns", a.Name, "--json", "routes");
        Assert.Equal(0, routes.ExitCode);
        using var json = JsonDocument.Parse(routes.Stdout);
        var overlayRoute = json.RootElement.GetProperty("routes").EnumerateArray()
            .Single(r => r.GetProperty("destination").GetString() == "198.19.42.0/24");
        Assert.Equal("overlay", overlayRoute.GetProperty("origin").GetProperty("kind").GetString());
        Assert.Equal(expected, overlayRoute.GetProperty("origin").GetProperty("label").GetString());

        var get = NetLensRunner.Run("--netns", a.Name, "route", "get", "198.19.42.2");
        Assert.Equal(0, get.ExitCode);
        Assert.Contains($"origin   {expected}", get.Stdout, StringComparison.Ordinal);

        var sockets = NetLensRunner.Run("--netns", a.Name, "sockets", "-uanp");
        Assert.Equal(0, sockets.ExitCode);
        Assert.Contains("0.0.0.0:8472", sockets.Stdout, StringComparison.Ordinal);
        Assert.Contains("kernel:(vxlan42 (vxlan 42 via 198.18.2.2:8472))", sockets.Stdout, StringComparison.Ordinal);

        var socketsJson = NetLensRunner.Run("--netns", a.Name, "--json", "sockets", "-uan");
        using var sj = JsonDocument.Parse(socketsJson.Stdout);
        var tunnel = sj.RootElement.GetProperty("sockets").EnumerateArray().Single(s => s.GetProperty("local").GetProperty("port").GetInt32() == 8472).GetProperty("kernel_tunnel");
        Assert.Equal(("vxlan42", 42, "198.18.2.2"), (tunnel.GetProperty("device").GetString(), tunnel.GetProperty("id").GetInt32(), tunnel.GetProperty("remote").GetString()));
    }
}
