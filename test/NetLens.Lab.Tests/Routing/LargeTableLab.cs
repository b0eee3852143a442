using System.Globalization;

namespace NetLens.Lab.Tests.Routing;

/// <summary>
/// A namespace with a large routing state: 100k+ IPv4 routes of every prefix length inside 198.18.0.0/15
/// (gateways, metrics, ECMP, unreachable/blackhole/prohibit), IPv6 routes in 2001:db8::/32, extra tables, and
/// policy rules on fwmark, from and uidrange. Generated from a fixed seed so a failure can be replayed.
/// </summary>
public sealed class LargeTableLab : IDisposable
{
    public const int Seed = 20261125;
    public const int Ipv4Routes = 100_000;

    public LargeTableLab()
    {
        if (!LabPrivileges.IsRoot)
        {
            return;
        }

        Namespace = LabNamespace.Create("large");
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

    /// <summary>Local addresses usable as --from.</summary>
    public static IReadOnlyList<string> LocalSources { get; } = ["198.18.0.1", "198.18.1.1", "198.18.2.1"];

    public void Dispose() => Namespace?.Dispose();

    private static void Build(LabNamespace ns, Random random)
    {
        ns.Ip("link add big0 type veth peer name big0p");
        ns.Ip("link add big1 type veth peer name big1p");
        foreach (var dev in new[] { "big0", "big0p", "big1", "big1p" })
        {
            ns.Ip($"link set {dev} up");
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
            "rule add fwmark 0x10 lookup 100 priority 100",
            "rule add from 198.18.2.1 lookup 200 priority 200",
            "rule add uidrange 1000-1999 lookup 300 priority 300",
            "rule add fwmark 0x20 prohibit priority 50",
        };

        // The connected /24s exist already; gateways and sources live in 198.18.0.0/22, so no longer
        // random prefix may sit inside it and turn a gateway into one reached through another gateway.
        var seen = new HashSet<string> { "198.18.0.0/24", "198.18.1.0/24", "198.18.2.0/24" };
        var count = 0;
        while (count < Ipv4Routes)
        {
            var length = random.Next(16, 33);
            var address = (198u << 24) | (18u << 16) | (uint)random.Next(0, 1 << 17);
            address &= length == 0 ? 0 : uint.MaxValue << (32 - length);
            var prefix = $"{Ipv4(address)}/{length}";
            var insideGatewayBlock = length >= 22 && (address >> 10) == ((198u << 14) | (18u << 6));
            if (insideGatewayBlock || !seen.Add(prefix))
            {
                continue;
            }

            var table = random.Next(10) switch
            {
                0 => " table 100",
                1 => " table 200",
                2 => " table 300",
                _ => string.Empty,
            };
            lines.Add(random.Next(40) switch
            {
                0 => $"route add unreachable {prefix}{table}",
                1 => $"route add blackhole {prefix}{table}",
                2 => $"route add prohibit {prefix}{table}",
                3 => $"route add {prefix}{table} nexthop via 198.18.0.{random.Next(2, 250)} weight {random.Next(1, 4)} nexthop via 198.18.1.{random.Next(2, 250)}",
                4 => $"route add throw {prefix}{table}",
                _ => $"route add {prefix} via 198.18.{random.Next(2)}.{random.Next(2, 250)} metric {random.Next(0, 4) * 100}{table}",
            });
            count++;
        }

        for (var i = 0; i < 5_000; i++)
        {
            var length = random.Next(32, 129);
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

            var address = Mask(bytes, length);
            var prefix = $"{new System.Net.IPAddress(address)}/{length}";
            if (!seen.Add(prefix))
            {
                continue;
            }

            var table = random.Next(5) == 0 ? " table 100" : string.Empty;
            lines.Add(random.Next(30) == 0
                ? $"route add unreachable {prefix}{table}"
                : $"route add {prefix} via 2001:db8:{random.Next(2)}::{random.Next(2, 250):x} metric {random.Next(1, 4) * 256}{table}");
        }

        var result = ns.IpBatch(lines, force: false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"large lab build failed: {result.Stderr}");
        }

        ns.Ip("-6 rule add fwmark 0x10 lookup 100 priority 100");
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
