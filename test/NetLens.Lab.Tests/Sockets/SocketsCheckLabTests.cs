using System.Net;
using System.Net.Sockets;
using NetLens.Linux.Namespaces;

namespace NetLens.Lab.Tests.Sockets;

/// <summary>--check on a namespace with trouble built in: redis on every address, a listener nobody accepts from.</summary>
public class SocketsCheckLabTests
{
    [SkippableFact]
    public void Check_names_each_trouble_in_a_sentence_and_exits_1()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var ns = LabNamespace.Create("sockchk");
        ns.Ip("addr add 198.18.0.1/32 dev lo");
        var sockets = new List<Socket>();
        try
        {
            NetworkNamespace.Run(ns.Name, () =>
            {
                var redis = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(redis);
                redis.Bind(new IPEndPoint(IPAddress.Any, 6379));
                redis.Listen(16);

                // backlog 4, never accepted: the queue fills and later SYNs overflow it
                var stuck = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(stuck);
                stuck.Bind(new IPEndPoint(IPAddress.Parse("198.18.0.1"), 8080));
                stuck.Listen(4);
                for (var i = 0; i < 8; i++)
                {
                    var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                    sockets.Add(client);
                    try
                    {
                        client.Connect(new IPEndPoint(IPAddress.Parse("198.18.0.1"), 8080));
                    }
                    catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
                    {
                        // the handshake finishes (or is dropped) in the background
                    }
                }

                return 0;
            });
            var queue = ns.Exec("ss", "-tlnH", "sport", "=", ":8080").Stdout;
            for (var attempt = 0; attempt < 100 && !queue.Contains("LISTEN 5 ", StringComparison.Ordinal); attempt++)
            {
                using var pause = new ManualResetEventSlim();
                pause.Wait(50);
                queue = string.Join(' ', ns.Exec("ss", "-tlnH", "sport", "=", ":8080").Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }

            var run = NetLensRunner.Run("--netns", ns.Name, "sockets", "--check");

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("Port 6379 (redis) listens on every address (0.0.0.0:6379)", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("The listener on 198.18.0.1:8080 has 5 of 4 accept-queue slots taken", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("ListenOverflows", run.Stdout, StringComparison.Ordinal);

            // under -s the same sentences follow the summary; --check decides the exit code
            var summary = NetLensRunner.Run("--netns", ns.Name, "sockets", "-s", "--check");
            var plain = NetLensRunner.Run("--netns", ns.Name, "sockets", "-s");
            Assert.Equal(1, summary.ExitCode);
            Assert.Equal(0, plain.ExitCode);
            foreach (var text in new[] { summary.Stdout, plain.Stdout })
            {
                var findings = text[text.IndexOf("\nFindings\n", StringComparison.Ordinal)..];
                Assert.StartsWith("TCP:", text.Split('\n')[1], StringComparison.Ordinal);
                Assert.Contains("Port 6379 (redis) listens on every address (0.0.0.0:6379)", findings, StringComparison.Ordinal);
                Assert.Contains("The listener on 198.18.0.1:8080 has 5 of 4 accept-queue slots taken", findings, StringComparison.Ordinal);
            }
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }
}
