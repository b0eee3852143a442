using System.Globalization;
using System.Net;

namespace NetLens.Lab.Tests.Routing;

/// <summary>
/// The batch exactness lab: 200k IPv4 routes of every length /16–/32 inside 198.18.0.0/15 (gateways, metrics,
/// tos, ECMP, device routes, unreachable/blackhole/prohibit/throw) in main and three extra tables, 5k IPv6 routes,
/// and policy rules of every kind the engine models: fwmark (with mask), from, uidrange, prohibit, unreachable,
/// goto, nop, suppress_prefixlength, not, tos. Built from a fixed seed so a failure can be replayed.
/// </summary>
public sealed class BatchLab : IDisposable
{
    public const int Seed = 20261126;
    public const int Ipv4Routes = 200_000;
    public const int Ipv6Routes = 5_000;

    public BatchLab()
    {
        if (!LabPrivileges.IsRoot)
        {
            return;
        }

        Namespace = LabNamespace.Create("batch");
        try
        {
            Build(Namespace, new Random(Seed));
        }
        catch
        {
            Namespace.Dispose();
            throw;
        }
    }

    public LabNamespace? Namespace { get; }

    public LabNamespace Ns => Namespace ?? throw new InvalidOperationException(LabPrivileges.SkipReason);

    public static IReadOnlyList<string> Ipv4Sources { get; } = ["198.18.0.1", "198.18.1.1", "198.18.2.1"];

    public static IReadOnlyList<string> Ipv6Sources { get; } = ["2001:db8::1", "2001:db8:1::1"];

    public void Dispose() => Namespace?.Dispose();

    private static void Build(LabNamespace ns, Random random)
    {
        foreach (var (dev, peer) in new[] { ("big0", "big0p"), ("big1", "big1p") })
        {
            ns.Ip($"link add {dev} type veth peer name {peer}");
            ns.Ip($"link set {dev} up");
            ns.Ip($"link set {peer} up");
        }

        var lines = new List<string>
        {
            "addr add 198.18.0.1/24 dev big0",
            "addr add 198.18.1.1/24 dev big1",
            "addr add 198.18.2.1/24 dev big1",
            "addr add 2001:db8::1/64 dev big0 nodad",
            "addr add 2001:db8:1::1/64 dev big1 nodad",
            "route add default via 198.18.0.254 dev big0",
            "route add default via 198.18.1.254 table 100",
            "route add default via 2001:db8::fe dev big0",
            "route add default via 198.18.1.250 table 500",
            "route add 198.18.128.0/17 via 198.18.0.9 table 500 tos 0x10",
            "rule add fwmark 0x20 prohibit priority 50",
            "rule add fwmark 0x30/0xf0 goto 400 priority 60",
            "rule add priority 70 nop",
            "rule add fwmark 0x10 lookup 100 priority 100",
            "rule add from 198.18.2.1 lookup 200 priority 200",
            "rule add uidrange 1000-1999 lookup 300 priority 300",
            "rule add priority 400 lookup main suppress_prefixlength 0",
            "rule add priority 410 not fwmark 0x40 lookup 500",
            "rule add priority 420 fwmark 0x50 unreachable",
            "rule add priority 430 tos 0x10 lookup 200",
        };

        // Gateways and sources live in 198.18.0.0/22: no longer random prefix may sit inside it.
        var seen = new HashSet<string>();
        var count = 0;
        while (count < Ipv4Routes)
        {
            var length = random.Next(16, 33);
            var address = ((198u << 24) | (18u << 16) | (uint)random.Next(0, 1 << 17)) & (uint.MaxValue << (32 - length));
            if ((length >= 22 && (address >> 10) == ((198u << 14) | (18u << 6))) || !seen.Add($"{Ipv4(address)}/{length}"))
            {
                continue;
            }

            var prefix = $"{Ipv4(address)}/{length}";
            var table = random.Next(10) switch
            {
                0 => " table 100",
                1 => " table 200",
                2 => " table 300",
                _ => string.Empty,
            };
            var kind = random.Next(40);
            lines.Add(kind switch
            {
                0 => $"route add unreachable {prefix}{table}",
                1 => $"route add blackhole {prefix}{table}",
                2 => $"route add prohibit {prefix}{table}",
                3 => $"route add {prefix}{table} nexthop via 198.18.0.{random.Next(2, 250)} weight {random.Next(1, 4)} nexthop via 198.18.1.{random.Next(2, 250)}",
                4 => $"route add throw {prefix}{table}",
                5 => $"route add {prefix} via 198.18.0.{random.Next(2, 250)} tos 0x10{table}",
                6 => $"route add {prefix} dev big1{table}",
                _ => $"route add {prefix} via 198.18.{random.Next(2)}.{random.Next(2, 250)} metric {random.Next(0, 4) * 100}{table}",
            });
            if (kind > 6 && random.Next(10) == 0)
            {
                // A second route for the same prefix with another metric: the lower one must win.
                lines.Add($"route append {prefix} via 198.18.1.{random.Next(2, 250)} metric {(random.Next(0, 4) * 100) + 1}{table}");
            }

            count++;
        }

        var ipv6 = 0;
        while (ipv6 < Ipv6Routes)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            bytes[0] = 0x20;
            bytes[1] = 0x01;
            bytes[2] = 0x0d;
            bytes[3] = 0xb8;
            if (bytes[4] == 0 && bytes[5] <= 1)
            {
                continue;
            }

            var length = random.Next(32, 129);
            var prefix = $"{new IPAddress(Mask(bytes, length))}/{length}";
            if (!seen.Add(prefix))
            {
                continue;
            }

            var table = random.Next(5) == 0 ? " table 100" : string.Empty;
            lines.Add(random.Next(30) switch
            {
                0 => $"route add unreachable {prefix}{table}",
                1 => $"route add prohibit {prefix}{table}",
                2 => $"route add blackhole {prefix}{table}",
                3 => $"route add throw {prefix}{table}",
                _ => $"route add {prefix} via 2001:db8:{random.Next(2)}::{random.Next(2, 250):x} metric {random.Next(1, 4) * 256}{table}",
            });
            ipv6++;
        }

        var result = ns.IpBatch(lines, force: false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"batch lab build failed: {result.Stderr}");
        }

        // ip -batch lines cannot carry -6, and a rule has no address to tell the family by.
        ns.Ip("-6 rule add fwmark 0x10 lookup 100 priority 100");
        ns.Ip("-6 route add default via 2001:db8:1::fe table 100");
        ns.Ip("-6 rule add uidrange 2000-2999 lookup 300 priority 300");
        Shell.Check("ip", ["netns", "exec", ns.Name, "sysctl", "-qw", "net.ipv4.ip_forward=1"]);
    }

    private static string Ipv4(uint address) => string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}");

    private static byte[] Mask(byte[] bytes, int length)
    {
        for (var bit = length; bit < 128; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return bytes;
    }
}
