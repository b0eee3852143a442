using System.Net;
using System.Net.Sockets;
using NetLens.Linux.Namespaces;

namespace NetLens.Lab.Tests.Sockets;

/// <summary>-r names addresses as ss -r does: /etc/hosts for loopback, numbers where no name exists (no packet leaves the lab namespace).</summary>
public sealed class SocketsResolveLabTests
{
    [SkippableFact]
    public void Resolve_names_hosts_as_ss_does_and_n_keeps_ports_numeric()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var ns = LabNamespace.Create("sockres");
        ns.Ip("addr add 198.18.0.1/32 dev lo");
        var sockets = new List<Socket>();
        try
        {
            NetworkNamespace.Run(ns.Name, () =>
            {
                foreach (var endpoint in new[] { new IPEndPoint(IPAddress.Loopback, 22), new IPEndPoint(IPAddress.IPv6Loopback, 8443), new IPEndPoint(IPAddress.Parse("198.18.0.1"), 80) })
                {
                    var listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                    sockets.Add(listener);
                    listener.Bind(endpoint);
                    listener.Listen(4);
                }

                var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(client);
                client.Connect(new IPEndPoint(IPAddress.Loopback, 22));
                return 0;
            });

            foreach (var options in new[] { "-tar", "-tanr", "-tlr" })
            {
                var ss = ns.Exec("ss", options);
                var netlens = NetLensRunner.Run("--netns", ns.Name, "sockets", options);
                Assert.Equal(0, netlens.ExitCode);
                Assert.Equal(Lines(ss.Stdout), Lines(netlens.Stdout));
            }

            Assert.Contains("localhost:", NetLensRunner.Run("--netns", ns.Name, "sockets", "-tlr").Stdout, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    private static List<string> Lines(string listing) =>
        [.. listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => string.Join(' ', l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)))
            .Order(StringComparer.Ordinal)];
}
