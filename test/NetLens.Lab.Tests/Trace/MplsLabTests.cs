using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using NetLens.Core.Probing;
using NetLens.Linux.Namespaces;

namespace NetLens.Lab.Tests.Trace;

/// <summary>
/// Linux routers send no MPLS extensions, so router 1 of the chain is made to answer like an MPLS router: its own
/// time exceeded is suppressed (probes arriving with TTL 1 are dropped before routing), and the test, listening on a
/// packet socket in its namespace, answers each such probe with a time exceeded built per RFC 4884/4950 carrying a
/// two-label stack. What netlens reads back through the unprivileged error queue is then compared with those labels.
/// </summary>
public class MplsLabTests(TraceChainLab lab) : IClassFixture<TraceChainLab>
{
    private static readonly (uint Label, byte Tc, bool S, byte Ttl)[] Stack = [(24001, 0, false, 1), (16, 5, true, 1)];

    /// <summary>Time exceeded for <paramref name="probe"/> (an IPv4 packet): the quote zero-padded to 128 bytes, then the extension structure.</summary>
    private static byte[] TimeExceededWithLabels(ReadOnlySpan<byte> probe)
    {
        var message = new byte[8 + 128 + 4 + 4 + (4 * Stack.Length)];
        message[0] = IcmpTypes.V4TimeExceeded;
        message[5] = 128 / 4; // RFC 4884 length attribute, in 32-bit words
        probe[..Math.Min(probe.Length, 128)].CopyTo(message.AsSpan(8));
        var extension = message.AsSpan(8 + 128);
        extension[0] = 0x20; // version 2
        BinaryPrimitives.WriteUInt16BigEndian(extension[4..], (ushort)(4 + (4 * Stack.Length)));
        extension[6] = 1; // class: MPLS label stack
        extension[7] = 1; // C-type: incoming label stack
        for (var i = 0; i < Stack.Length; i++)
        {
            var (label, tc, s, ttl) = Stack[i];
            BinaryPrimitives.WriteUInt32BigEndian(extension[(8 + (4 * i))..], (label << 12) | ((uint)tc << 9) | ((s ? 1u : 0u) << 8) | ttl);
        }

        BinaryPrimitives.WriteUInt16BigEndian(extension[2..], InternetChecksum.Compute(extension));
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), InternetChecksum.Compute(message));
        return message;
    }

    /// <summary>Answers probes that reach router 1 with TTL 1 until disposed.</summary>
    private sealed class MplsRouter : IDisposable
    {
        private readonly Socket _tap;
        private readonly Socket _icmp;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _answering;

        public MplsRouter(string netns)
        {
            // SOCK_DGRAM packet socket for ETH_P_IP (htons(0x0800)): sees IP packets at the device, before netfilter drops them.
            (_tap, _icmp) = NetworkNamespace.Run(netns, () => (
                new Socket(AddressFamily.Packet, SocketType.Dgram, (ProtocolType)0x0008),
                new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Icmp)));
            _tap.ReceiveTimeout = 200;
            _answering = Task.Factory.StartNew(Answer, TaskCreationOptions.LongRunning);
        }

        public int Answered { get; private set; }

        private void Answer()
        {
            var packet = new byte[2048];
            while (!_stop.IsCancellationRequested)
            {
                int length;
                try
                {
                    length = _tap.Receive(packet);
                }
                catch (SocketException)
                {
                    continue;
                }

                var ip = packet.AsSpan(0, length);
                if (length < 28 || ip[0] >> 4 != 4 || ip[8] != 1 || !new IPAddress(ip.Slice(16, 4)).Equals(IPAddress.Parse(TraceChainLab.TargetV4)))
                {
                    continue;
                }

                _icmp.SendTo(TimeExceededWithLabels(ip), new IPEndPoint(new IPAddress(ip.Slice(12, 4)), 0));
                Answered++;
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _answering.Wait(TimeSpan.FromSeconds(10));
            _tap.Dispose();
            _icmp.Dispose();
            _stop.Dispose();
        }
    }

    [SkippableFact]
    public void Labels_a_router_quotes_reach_the_json_and_the_report_through_the_unprivileged_error_queue()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var router = lab.Router(1);
        string[] silence = ["PREROUTING", "-i", "left1", "-m", "ttl", "--ttl-eq", "1", "-j", "DROP"];
        Assert.Equal(0, router.Exec("iptables", ["-t", "raw", "-A", .. silence]).ExitCode);
        try
        {
            using var mpls = new MplsRouter(router.Name);
            var json = NetLensRunner.Run("--netns", lab.Source.Name, "--json", "trace", "-n", TraceChainLab.TargetV4, "-c", "3", "-i", "0", "--timeout", "1");
            var report = NetLensRunner.Run("--netns", lab.Source.Name, "trace", "--report", "-e", "-n", TraceChainLab.TargetV4, "-c", "3", "-i", "0", "--timeout", "1");

            Assert.True(json.ExitCode == 0, json.Stderr);
            Assert.True(mpls.Answered >= 6, $"the fake MPLS router answered {mpls.Answered} probes");
            var hops = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("hops");
            var first = Assert.Single(hops[0].GetProperty("hosts").EnumerateArray());
            Assert.Equal(TraceChainLab.HopV4(1), first.GetProperty("address").GetString());
            Assert.Equal(
                Stack.Select(e => ((int)e.Label, (int)e.Tc, e.S ? 1 : 0, (int)e.Ttl)),
                first.GetProperty("mpls").EnumerateArray().Select(m => (m.GetProperty("label").GetInt32(), m.GetProperty("exp").GetInt32(), m.GetProperty("s").GetInt32(), m.GetProperty("ttl").GetInt32())));
            Assert.False(hops[1].GetProperty("hosts")[0].TryGetProperty("mpls", out _));

            var lines = report.Stdout.Split('\n');
            Assert.StartsWith($"  1.|-- {TraceChainLab.HopV4(1)} ", lines[2], StringComparison.Ordinal);
            Assert.Equal(["       [MPLS: Lbl 24001 TC 0 S 0 TTL 1]", "       [MPLS: Lbl 16 TC 5 S 1 TTL 1]"], lines[3..5]);
            Assert.StartsWith("  2.|-- ", lines[5], StringComparison.Ordinal);
        }
        finally
        {
            router.Exec("iptables", ["-t", "raw", "-D", .. silence]);
        }
    }

    [SkippableFact]
    public void Labels_reach_the_json_from_icmp_probes_over_a_raw_socket_too()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var router = lab.Router(1);
        string[] silence = ["PREROUTING", "-i", "left1", "-m", "ttl", "--ttl-eq", "1", "-j", "DROP"];
        Assert.Equal(0, router.Exec("iptables", ["-t", "raw", "-A", .. silence]).ExitCode);
        try
        {
            using var mpls = new MplsRouter(router.Name);
            // As root --icmp opens a raw socket, which reads the whole ICMP error with its extensions.
            var json = NetLensRunner.Run("--netns", lab.Source.Name, "--json", "trace", "--icmp", "-n", TraceChainLab.TargetV4, "-c", "3", "-i", "0", "--timeout", "1");

            Assert.True(json.ExitCode == 0, json.Stderr);
            var root = JsonDocument.Parse(json.Stdout).RootElement;
            Assert.Equal("raw_socket", root.GetProperty("mechanism").GetString());
            var first = Assert.Single(root.GetProperty("hops")[0].GetProperty("hosts").EnumerateArray());
            Assert.Equal([24001, 16], first.GetProperty("mpls").EnumerateArray().Select(m => m.GetProperty("label").GetInt32()));
        }
        finally
        {
            router.Exec("iptables", ["-t", "raw", "-D", .. silence]);
        }
    }
}
