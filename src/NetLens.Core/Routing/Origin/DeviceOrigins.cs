using NetLens.Core.Links;

namespace NetLens.Core.Routing.Origin;

/// <summary>Origins told by the output device alone: its name pattern and its link kind.</summary>
internal static class DeviceOrigins
{
    public static RouteOrigin? Classify(string name, Link? link)
    {
        var kind = link?.Kind;
        if (name == "docker0")
        {
            return new(RouteOriginKind.Docker, "docker", "device docker0 is docker's default bridge");
        }

        if (name.StartsWith("br-", StringComparison.Ordinal) && name.Length == 15 && IsHex(name.AsSpan(3)))
        {
            return new(RouteOriginKind.Docker, "docker", $"device {name} is a docker user-defined network bridge (br-<network id>)");
        }

        if (name == "docker_gwbridge")
        {
            return new(RouteOriginKind.Docker, "docker", "device docker_gwbridge is docker swarm's gateway bridge");
        }

        if (name.StartsWith("virbr", StringComparison.Ordinal))
        {
            return new(RouteOriginKind.Libvirt, "libvirt", $"device {name} is a libvirt virtual network bridge");
        }

        if (name.StartsWith("lxcbr", StringComparison.Ordinal) || name.StartsWith("lxdbr", StringComparison.Ordinal))
        {
            var tool = name.StartsWith("lxd", StringComparison.Ordinal) ? "lxd" : "lxc";
            return new(RouteOriginKind.Lxc, tool, $"device {name} is {tool}'s bridge");
        }

        if (Cni(name) is { } cni)
        {
            return cni;
        }

        if (link?.Tunnel is { } tunnel)
        {
            return new(RouteOriginKind.Overlay, $"overlay ({tunnel.Describe()})", $"device {name} is a {tunnel.Kind} tunnel: its packets travel inside UDP{(tunnel.Port is { } port ? $" {port}" : string.Empty)}{(tunnel.Remote is { } remote ? $" to {remote}" : string.Empty)}");
        }

        return Vpn(name, kind);
    }

    private static RouteOrigin? Cni(string name)
    {
        static RouteOrigin K8s(string plugin, string reason) => new(RouteOriginKind.KubernetesCni, $"kubernetes cni ({plugin})", reason);

        if (name == "cni0")
        {
            return K8s("bridge", "device cni0 is the bridge of the CNI bridge plugin (flannel and others)");
        }

        if (name.StartsWith("flannel", StringComparison.Ordinal))
        {
            return K8s("flannel", $"device {name} is flannel's overlay");
        }

        if (name.StartsWith("cali", StringComparison.Ordinal) || name == "vxlan.calico" || name == "wireguard.cali")
        {
            return K8s("calico", $"device {name} is calico's (cali* pod veth, vxlan.calico, wireguard.cali)");
        }

        if (name.StartsWith("cilium_", StringComparison.Ordinal)
            || (name.StartsWith("lxc", StringComparison.Ordinal) && name.Length > 3 && IsHex(name.AsSpan(3))))
        {
            return K8s("cilium", $"device {name} is cilium's (cilium_* or lxc<hash> pod veth)");
        }

        if (name == "kube-ipvs0")
        {
            return K8s("kube-proxy", "device kube-ipvs0 holds kube-proxy's IPVS service addresses");
        }

        if (name == "kube-bridge")
        {
            return K8s("kube-router", "device kube-bridge is kube-router's bridge");
        }

        if (name == "weave" || name.StartsWith("vethwe", StringComparison.Ordinal))
        {
            return K8s("weave", $"device {name} is weave net's");
        }

        if (name.StartsWith("antrea-", StringComparison.Ordinal) || name.StartsWith("ovn-k8s-", StringComparison.Ordinal))
        {
            return K8s(name.StartsWith("antrea", StringComparison.Ordinal) ? "antrea" : "ovn-kubernetes", $"device {name} belongs to the cluster network plugin");
        }

        return null;
    }

    private static RouteOrigin? Vpn(string name, string? kind)
    {
        static RouteOrigin Of(string what, string reason) => new(RouteOriginKind.Vpn, $"vpn ({what})", reason);

        if (name.StartsWith("tailscale", StringComparison.Ordinal))
        {
            return Of("tailscale", $"device {name} is tailscale's tunnel");
        }

        if (name.StartsWith("zt", StringComparison.Ordinal) && kind is null or "tun")
        {
            return Of("zerotier", $"device {name} is a zerotier network (zt*)");
        }

        if (kind == "wireguard" || name.StartsWith("wg", StringComparison.Ordinal))
        {
            return Of("wireguard", kind == "wireguard" ? $"device {name} is a wireguard link" : $"device {name} is named like a wireguard link (wg*)");
        }

        if (name.StartsWith("nebula", StringComparison.Ordinal))
        {
            return Of("nebula", $"device {name} is nebula's tunnel");
        }

        if (kind is "xfrm" or "vti" or "vti6" || name.StartsWith("ipsec", StringComparison.Ordinal))
        {
            return Of("ipsec", $"device {name} is an IPsec interface");
        }

        if (name.StartsWith("ppp", StringComparison.Ordinal) || kind == "ppp")
        {
            return Of("ppp", $"device {name} is a point-to-point link (ppp*), as PPTP/L2TP VPNs and dial-up use");
        }

        if (kind == "tun" || name.StartsWith("tun", StringComparison.Ordinal) || name.StartsWith("tap", StringComparison.Ordinal) || name.StartsWith("utun", StringComparison.Ordinal))
        {
            return Of("tun", $"device {name} is a tun/tap device, as OpenVPN and other userspace VPNs use");
        }

        return null;
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return !text.IsEmpty;
    }
}
