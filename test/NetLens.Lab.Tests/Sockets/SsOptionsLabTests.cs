using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace NetLens.Lab.Tests.Sockets;

/// <summary>sockets -K, -E, -O and `dport = :ssh` side by side with ss on <see cref="SsOptionsLab"/>.</summary>
public sealed class SsOptionsLabTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public void A_service_name_in_the_filter_selects_what_ss_selects()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new SsOptionsLab();

        var ours = Run(lab, "sockets", "-tan", "dport", "=", ":ssh");

        Assert.Equal(lab.Ss("-tan", "dport", "=", ":ssh"), ours);
        Assert.Equal(Run(lab, "sockets", "-tan", "dport", "=", ":22"), ours);

        // the one client of :22, not the :8080 one nor the listener
        var rows = Rows(ours);
        var row = Assert.Single(rows);
        Assert.Equal($"198.18.93.2:{lab.SshClientPort}", row[3]);
        Assert.Equal("198.18.93.1:22", row[4]);
    }

    [SkippableFact]
    public void Kill_closes_the_matching_socket_and_leaves_the_others()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new SsOptionsLab();
        Assert.Single(Rows(lab.Ss("-tn", "dport", "=", ":ssh")));

        var killed = Run(lab, "sockets", "-K", "-tn", "dport", "=", ":ssh");

        // it lists what it closed: the :22 client
        var row = Assert.Single(Rows(killed));
        Assert.Equal($"198.18.93.2:{lab.SshClientPort}", row[3]);
        Assert.Equal("198.18.93.1:22", row[4]);

        // the holder's next call fails (ECONNABORTED), the peer got a reset; ss no longer lists it
        var client = Assert.Throws<SocketException>(() => lab.SshClient.Receive(new byte[1]));
        Assert.Contains(client.SocketErrorCode, new[] { SocketError.ConnectionAborted, SocketError.ConnectionReset });
        var server = Assert.Throws<SocketException>(() => lab.SshServer.Receive(new byte[1]));
        Assert.Equal(SocketError.ConnectionReset, server.SocketErrorCode);
        Assert.Empty(Rows(lab.Ss("-tn", "dport", "=", ":ssh")));

        // what did not match lives on: the :8080 connection still carries data, both listeners still listen
        Assert.Equal(2, Rows(lab.Ss("-tn", "state", "established", "(", "sport", "=", ":8080", "or", "dport", "=", ":8080", ")")).Count);
        lab.OtherClient.Send("x"u8);
        Assert.Equal(1, lab.OtherServer.Receive(new byte[1]));
        Assert.Equal(2, Rows(lab.Ss("-tln")).Count);
    }

    [SkippableFact]
    public void Oneline_prints_one_line_per_socket_as_ss_does()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new SsOptionsLab();

        var ss = Lines(lab.Ss("-tanOim"));
        var ours = Lines(Run(lab, "sockets", "-tanOim"));

        // header, 2 listeners, 4 connected ends: each socket on one line, its -i and -m words included
        Assert.Equal(ss.Count, ours.Count);
        Assert.Equal(7, ours.Count);
        Assert.All(ours.Skip(1), l => Assert.Contains("skmem:(", l, StringComparison.Ordinal));
        Assert.Equal(ss.Select(FirstColumns), ours.Select(FirstColumns));

        // without -O the words take a line of their own: the count above is -O's doing
        Assert.Equal(Lines(lab.Ss("-tanim")).Count, Lines(Run(lab, "sockets", "-tanim")).Count);
        Assert.True(Lines(Run(lab, "sockets", "-tanim")).Count > ours.Count);
    }

    [SkippableFact]
    public void Events_print_a_line_for_a_socket_closed_during_the_run()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new SsOptionsLab();
        var start = new ProcessStartInfo(NativeBinary.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--netns", lab.Ns.Name, "sockets", "-tnE" })
        {
            start.ArgumentList.Add(argument);
        }

        using var events = Process.Start(start)!;
        using var lines = new BlockingCollection<string>();
        events.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lines.Add(line);
            }
        };
        events.BeginOutputReadLine();
        try
        {
            // the header comes once netlens has joined the destroy groups
            Assert.True(lines.TryTake(out var header, Patience), "no header from sockets -E");
            Assert.StartsWith("State", header, StringComparison.Ordinal);

            // both ends closed in turn: the client's socket is freed as it enters TIME-WAIT, the server's after LAST-ACK
            // (an abortive close would not do: the kernel zeroes the peer port before it frees the socket)
            var port = lab.SshClientPort;
            lab.SshClient.Close();
            lab.SshServer.Close();

            var seen = new List<string>();
            while (seen.Count < 2 && lines.TryTake(out var line, Patience))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                seen.Add($"{fields[3]} {fields[4]}");
            }

            Assert.Equal(
                new[] { $"198.18.93.1:22 198.18.93.2:{port}", $"198.18.93.2:{port} 198.18.93.1:22" },
                seen.Order(StringComparer.Ordinal));

            // Ctrl-C ends it cleanly
            Shell.Check("kill", ["-INT", events.Id.ToString(CultureInfo.InvariantCulture)]);
            Assert.True(events.WaitForExit(Patience), "sockets -E did not end on SIGINT");
            Assert.Equal(0, events.ExitCode);
            Assert.Empty(lines);
        }
        finally
        {
            if (!events.HasExited)
            {
                events.Kill();
            }
        }
    }

    private static string Run(SsOptionsLab lab, params string[] arguments)
    {
        var run = NetLensRunner.Run(["--netns", lab.Ns.Name, .. arguments]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run.Stdout;
    }

    private static List<string> Lines(string listing) => [.. listing.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>The socket rows (header dropped), each split into its columns.</summary>
    private static List<string[]> Rows(string listing) =>
        [.. Lines(listing).Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))];

    /// <summary>State, queues and both addresses: the rest (-i's timings, -m's counters) moves between two reads.</summary>
    private static string FirstColumns(string line) => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5));
}
