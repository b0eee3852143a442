using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetLens.Linux.Namespaces;

namespace NetLens.Lab.Tests.Hosting;

/// <summary>
/// `ip netns del` while a command works in that namespace: the command entered it once and holds it, so a connect scan
/// that opens a socket per port goes on to the end with the same answers, instead of failing when it next enters.
/// </summary>
public sealed class NamespaceDeletedLabTests
{
    private static readonly int[] OpenPorts = [22, 8080, 40000];

    [SkippableFact]
    public void A_scan_finishes_with_the_same_ports_when_its_namespace_is_deleted_midway()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var ns = LabNamespace.Create("gone");
        ns.Ip("addr add 198.18.77.1/32 dev lo");

        // the test's own sockets keep the namespace alive after its name is deleted, as any process inside would
        var listeners = NetworkNamespace.Run(ns.Name, () => OpenPorts.Select(Listen).ToList());
        try
        {
            var start = new ProcessStartInfo(NativeBinary.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };

            // a rate cap that keeps the scan going for seconds, so the deletion falls in its middle
            foreach (var argument in new[] { "--netns", ns.Name, "scan", "-sT", "-Pn", "-p-", "--max-rate", "8000", "198.18.77.1" })
            {
                start.ArgumentList.Add(argument);
            }

            using var scan = Process.Start(start)!;
            var stdout = scan.StandardOutput.ReadToEndAsync();
            var stderr = scan.StandardError.ReadToEndAsync();
            try
            {
                // delete only once the scan holds the namespace open (it has entered), however slowly it started
                var inode = Shell.Check("stat", ["-L", "-c", "%i", ns.Path]).Trim();
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
                // seen once is enough: asking again could miss a descriptor the scan closes once its threads have entered
                var held = false;
                while (!(held = Holds(scan, inode)) && DateTime.UtcNow < deadline && !scan.HasExited)
                {
                    Thread.Sleep(20);
                }

                Assert.True(held, scan.HasExited ? "the scan ended before its namespace could be deleted" : "the scan never opened its namespace");
                Shell.Check("ip", ["netns", "del", ns.Name]);
                Assert.False(File.Exists(ns.Path), "the namespace's name is still there");

                Assert.True(scan.WaitForExit(TimeSpan.FromSeconds(60)), "the scan did not end");
                var error = stderr.GetAwaiter().GetResult();
                Assert.True(scan.ExitCode == 0, error);
                Assert.Equal(string.Empty, error);
                var open = stdout.GetAwaiter().GetResult().Split('\n').Where(l => l.Contains("/tcp ", StringComparison.Ordinal) && l.Contains(" open ", StringComparison.Ordinal));
                Assert.Equal(OpenPorts.Select(p => $"{p}/tcp"), open.Select(l => l.Split(' ')[0]));
            }
            finally
            {
                if (!scan.HasExited)
                {
                    scan.Kill();
                }
            }
        }
        finally
        {
            listeners.ForEach(l => l.Dispose());
        }
    }

    /// <summary>Whether the process has the namespace open: one of its descriptors reads "net:[INODE]".</summary>
    private static bool Holds(Process process, string inode)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{process.Id}/fd").Any(fd => new FileInfo(fd).LinkTarget == $"net:[{inode}]");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static Socket Listen(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse("198.18.77.1"), port));
        socket.Listen(64);
        return socket;
    }
}
