using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using NetLens.Linux.Namespaces;

namespace NetLens.Lab.Tests.Sockets;

/// <summary>Packet (-0) and netlink (-A netlink) sockets this test opens in its own namespace, listed as ss lists them.</summary>
public sealed partial class SocketsLinkLabTests
{
    private const int AF_NETLINK = 16;
    private const int AF_PACKET = 17;
    private const int SOCK_RAW = 3;
    private const int SOCK_DGRAM = 2;
    private const int SOCK_CLOEXEC = 0x80000;

    [SkippableFact]
    public void Packet_sockets_list_as_ss_lists_them()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var ns = LabNamespace.Create("sockpkt");
        using var sockets = new Descriptors();
        NetworkNamespace.Run(ns.Name, () =>
        {
            sockets.Packet(SOCK_RAW, 0x0800, device: 0);
            sockets.Packet(SOCK_DGRAM, 0x86DD, device: 1);
            sockets.Packet(SOCK_RAW, 0x0003, device: 0);
            sockets.Packet(SOCK_RAW, 0x0806, device: 1);
            return 0;
        });

        foreach (var options in new[] { "-0", "-0a", "-0n", "-0p", "-0aH" })
        {
            var ss = Lines(Ns(ns, "ss", options));
            Assert.Equal(4, ss.Count);
            Assert.Equal(ss, Lines(Run(ns, "sockets", options)));
        }

        using var json = JsonDocument.Parse(Run(ns, "--json", "sockets", "-0"));
        var ipv6 = json.RootElement.GetProperty("sockets").EnumerateArray().Single(s => s.GetProperty("local").GetProperty("protocol").GetString() == "ipv6");
        Assert.Equal("p_dgr", ipv6.GetProperty("netid").GetString());
        Assert.Equal("lo", ipv6.GetProperty("local").GetProperty("device").GetString());
        Assert.Equal(0x86DD, ipv6.GetProperty("local").GetProperty("protocol_number").GetInt32());
    }

    [SkippableFact]
    public void Netlink_sockets_list_as_ss_lists_them()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var ns = LabNamespace.Create("socknl");
        using var sockets = new Descriptors();
        NetworkNamespace.Run(ns.Name, () =>
        {
            sockets.Netlink(0, groups: 1, connect: false);
            sockets.Netlink(16, groups: 0, connect: true);
            sockets.Netlink(2, groups: 0, connect: false);
            return 0;
        });

        foreach (var (ours, theirs) in new[] { ("--netlink -a", "-A netlink -a"), ("-A netlink -an", "-A netlink -an"), ("-A netlink -l", "-A netlink -l"), ("-A netlink", "-A netlink") })
        {
            // each tool's own sock_diag socket (and the kernel's, whose queue holds their dumps) differ by nature
            var ss = Lines(Ns(ns, "ss", theirs.Split(' '))).Where(l => !IsSockDiag(l)).ToList();
            var netlens = Lines(Run(ns, ["sockets", .. ours.Split(' ')])).Where(l => !IsSockDiag(l)).ToList();
            Assert.Equal(ss, netlens);
        }

        var listing = Run(ns, "sockets", "-A", "netlink", "-a");
        Assert.Contains($"genl:{Environment.ProcessId}", Run(ns, "sockets", "-A", "netlink", "-an").Replace("16:", "genl:", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("rtnl:kernel", listing, StringComparison.Ordinal);
        Assert.Contains(" 0:0", listing, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_query_words_exit_2()
    {
        var run = NetLensRunner.Run("sockets", "-A", "tcp,bogus");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("netlens: error: unknown socket kind \"bogus\"", run.Stderr, StringComparison.Ordinal);
    }

    private static bool IsSockDiag(string line) => line.Contains("tcpdiag:", StringComparison.Ordinal) || SockDiagNumeric().IsMatch(line);

    private static string Ns(LabNamespace ns, string program, params string[] arguments)
    {
        var result = ns.Exec(program, arguments);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout;
    }

    private static string Run(LabNamespace ns, params string[] arguments)
    {
        var run = NetLensRunner.Run(["--netns", ns.Name, .. arguments]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run.Stdout;
    }

    /// <summary>Lines without the header (a header is put back for -H), columns joined by one space, sorted.</summary>
    private static List<string> Lines(string listing) =>
        [.. listing.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith("Netid", StringComparison.Ordinal) && !l.StartsWith("State", StringComparison.Ordinal))
            .Select(l => string.Join(' ', l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)))
            .Order(StringComparer.Ordinal)];

    [System.Text.RegularExpressions.GeneratedRegex(@"^(UNCONN )?\d+ \d+ 4:")]
    private static partial System.Text.RegularExpressions.Regex SockDiagNumeric();

    /// <summary>Sockets opened with socket(2) on a thread inside the namespace, closed on Dispose.</summary>
    private sealed class Descriptors : IDisposable
    {
        private readonly List<int> _fds = [];

        public void Packet(int type, ushort etherType, int device)
        {
            var fd = Open(AF_PACKET, type, BinaryPrimitives.ReverseEndianness(etherType));
            if (device != 0)
            {
                // struct sockaddr_ll: family, protocol (network order), ifindex, then unused fields
                var address = new byte[20];
                BinaryPrimitives.WriteUInt16LittleEndian(address, AF_PACKET);
                BinaryPrimitives.WriteUInt16BigEndian(address.AsSpan(2), etherType);
                BinaryPrimitives.WriteInt32LittleEndian(address.AsSpan(4), device);
                Check(Bind(fd, address, address.Length));
            }
        }

        public void Netlink(int protocol, uint groups, bool connect)
        {
            var fd = Open(AF_NETLINK, SOCK_RAW, protocol);

            // struct sockaddr_nl: family, pad, port id (0: the kernel picks), groups
            var address = new byte[12];
            BinaryPrimitives.WriteUInt16LittleEndian(address, AF_NETLINK);
            BinaryPrimitives.WriteUInt32LittleEndian(address.AsSpan(8), groups);
            Check(Bind(fd, address, address.Length));
            if (connect)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(address.AsSpan(8), 0);
                Check(Connect(fd, address, address.Length));
            }
        }

        public void Dispose()
        {
            foreach (var fd in _fds)
            {
                _ = Close(fd);
            }
        }

        private int Open(int family, int type, int protocol)
        {
            // close-on-exec: ss, started from this process, must not inherit (and own) them
            var fd = Socket(family, type | SOCK_CLOEXEC, protocol);
            Check(fd);
            _fds.Add(fd);
            return fd;
        }

        private static void Check(int result)
        {
            if (result < 0)
            {
                throw new InvalidOperationException($"socket call failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }

        // DllImport: this test project has no unsafe code for LibraryImport's generated stubs
#pragma warning disable SYSLIB1054
        [DllImport("libc", EntryPoint = "socket", SetLastError = true)]
        private static extern int Socket(int domain, int type, int protocol);

        [DllImport("libc", EntryPoint = "bind", SetLastError = true)]
        private static extern int Bind(int fd, byte[] address, int length);

        [DllImport("libc", EntryPoint = "connect", SetLastError = true)]
        private static extern int Connect(int fd, byte[] address, int length);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        private static extern int Close(int fd);
#pragma warning restore SYSLIB1054
    }
}
