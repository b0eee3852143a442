using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using NetLens.Cli.Snapshots;
using NetLens.Linux.Routing;
using Xunit.Abstractions;

namespace NetLens.Lab.Tests.Routing;

/// <summary>
/// `route get --batch` against `ip -force -batch` on 200k routes: every answer line equal, for random
/// addresses (IPv6 in several spellings) with random selectors (mark, uid, from, tos, iif, oif, ports); and the
/// same from a saved snapshot.
/// </summary>
public partial class BatchExactnessLabTests(BatchLab lab, ITestOutputHelper log) : IClassFixture<BatchLab>
{
    // Past 65,536 lines and 1 MiB, so the big-batch path runs: two threads, outcomes decided ahead, no collections.
    private const int Questions = 70_000;

    [SkippableFact]
    public void Every_batch_answer_equals_ip_batch()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var questions = RandomQuestions(new Random(BatchLab.Seed + 1), Questions, withInterfaces: true);
        var expected = AskIp(questions);
        using var file = new TempFile(string.Join('\n', questions) + "\n");

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "--verbose", "route", "get", "--batch", file.Path);

        Assert.Equal(0, run.ExitCode);
        var actual = run.Stdout.Split('\n')[..^1];
        Assert.Equal(questions.Count, actual.Length);
        var mismatches = Enumerable.Range(0, questions.Count).Where(i => actual[i] != expected[i]).ToList();
        var counts = InProcessCounts().Match(run.Stderr);
        var inProcess = long.Parse(counts.Groups[1].Value);
        var asked = long.Parse(counts.Groups[2].Value);
        log.WriteLine($"{questions.Count} questions, {mismatches.Count} mismatches; {inProcess} answered in-process ({100.0 * inProcess / questions.Count:F1}%), {asked} asked of the kernel; {expected.Count(e => e.Contains(" error: ", StringComparison.Ordinal))} without a route");
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches.Take(10).Select(i => $"{questions[i]}\n  ip:      {expected[i]}\n  netlens: {actual[i]}")));
        Assert.Equal(questions.Count, inProcess + asked);

        // Only iif/oif questions and ECMP or multi-route answers may need the kernel.
        Assert.True(inProcess > questions.Count * 0.8, $"only {inProcess} of {questions.Count} answered in-process");
    }

    [SkippableFact]
    public void Answers_from_a_saved_snapshot_equal_the_kernels()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var questions = RandomQuestions(new Random(BatchLab.Seed + 2), 5_000, withInterfaces: false);
        var expected = AskIp(questions);
        using var snapshotFile = new TempFile(string.Empty);
        using (var netlink = RouteNetlink.OpenInNamespace(lab.Ns.Name))
        {
            RoutingSnapshotFile.Save(RoutingSnapshotReader.Read(netlink), snapshotFile.Path);
        }

        using var file = new TempFile(string.Join('\n', questions) + "\n");

        // No --netns: the answers must come from the file alone.
        var run = NetLensRunner.Run("route", "get", "--batch", file.Path, "--snapshot", snapshotFile.Path);

        Assert.Equal(0, run.ExitCode);
        var actual = run.Stdout.Split('\n')[..^1];
        var answered = Enumerable.Range(0, questions.Count).Where(i => !actual[i].Contains("cannot be answered from a snapshot", StringComparison.Ordinal)).ToList();
        var mismatches = answered.Where(i => actual[i] != expected[i]).ToList();
        log.WriteLine($"{questions.Count} questions from the snapshot file: {answered.Count} answered, {mismatches.Count} mismatches, {questions.Count - answered.Count} need the kernel (ECMP, several routes of one IPv6 prefix)");
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches.Take(10).Select(i => $"{questions[i]}\n  ip:      {expected[i]}\n  netlens: {actual[i]}")));
        Assert.True(answered.Count > questions.Count * 0.9, $"only {answered.Count} answered from the file");
    }

    [SkippableFact]
    public void Route_get_with_a_snapshot_file_prints_the_kernels_line()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var snapshotFile = new TempFile(string.Empty);
        using (var netlink = RouteNetlink.OpenInNamespace(lab.Ns.Name))
        {
            RoutingSnapshotFile.Save(RoutingSnapshotReader.Read(netlink), snapshotFile.Path);
        }

        foreach (var question in new[] { "198.18.200.7", "198.19.3.9 mark 0x10", "198.18.77.1 uid 1500", "2001:db8:ab::1", "198.18.0.1" })
        {
            var expected = lab.Ns.Ip("route get " + question).Split('\n')[0].TrimEnd();
            var words = question.Split(' ');
            string[] options = words.Length > 1 ? ["--" + words[1], words[2]] : [];

            var run = NetLensRunner.Run(["route", "get", words[0], .. options, "--snapshot", snapshotFile.Path]);

            Assert.Equal(0, run.ExitCode);
            Assert.Equal(expected, run.Stdout.Split('\n')[0]);
        }
    }

    [SkippableFact]
    public void A_malformed_line_exits_2_naming_the_line_before_any_answer()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var file = new TempFile("198.18.0.5\n# a comment\n\n198.18.0.6 --mark\n198.18.0.7\n");

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "route", "get", "--batch", file.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Single(run.Stderr.TrimEnd().Split('\n'));
        Assert.Contains("line 4", run.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Random addresses in the lab's ranges, a sixth IPv6, each with ip route get's selectors at random.</summary>
    private static List<string> RandomQuestions(Random random, int count, bool withInterfaces)
    {
        string[] ipv4Options =
        [
            "", "", "", " mark 0x10", " mark 0x20", " mark 0x31", " mark 0x40", " mark 0x50", " uid 1500",
            " tos 0x10", " ipproto tcp sport 4000 dport 443", " ipproto udp dport 53",
        ];
        var questions = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var text = new StringBuilder();
            if (random.Next(6) == 0)
            {
                var bytes = new byte[16];
                random.NextBytes(bytes);
                bytes[0] = 0x20;
                bytes[1] = 0x01;
                bytes[2] = 0x0d;
                bytes[3] = 0xb8;
                if (random.Next(3) == 0)
                {
                    bytes[4] = 0;
                    bytes[5] = (byte)random.Next(2);
                }

                // Some spelled as ip prints them not: every group in four digits, or in capitals.
                var address = new IPAddress(bytes);
                text.Append(random.Next(8) switch
                {
                    0 => string.Join(':', Enumerable.Range(0, 8).Select(g => $"{(bytes[2 * g] << 8) | bytes[(2 * g) + 1]:x4}")),
                    1 => address.ToString().ToUpperInvariant(),
                    _ => address.ToString(),
                });
                text.Append(random.Next(5) switch
                {
                    0 => " mark 0x10",
                    1 => " uid 2500",
                    2 => " from " + BatchLab.Ipv6Sources[random.Next(BatchLab.Ipv6Sources.Count)],
                    _ => string.Empty,
                });
            }
            else
            {
                // Some questions for the lab's own addresses and broadcasts (local table), most anywhere.
                text.Append(random.Next(20) == 0
                    ? $"198.18.{random.Next(3)}.{(new[] { 0, 1, 7, 255 })[random.Next(4)]}"
                    : $"198.{18 + random.Next(2)}.{random.Next(256)}.{random.Next(256)}");
                var pick = random.Next(withInterfaces ? 16 : 14);
                text.Append(pick switch
                {
                    12 => " from " + BatchLab.Ipv4Sources[random.Next(BatchLab.Ipv4Sources.Count)],
                    13 => " from 198.18.9.9",
                    14 => " from 198.18.0.77 iif big0",
                    15 => " oif big1",
                    _ => ipv4Options[pick],
                });
            }

            questions.Add(text.ToString());
        }

        return questions;
    }

    /// <summary>ip's answer per question: its first line, or "ADDR error: REASON" (its stderr names the failed line).</summary>
    private List<string> AskIp(List<string> questions)
    {
        var result = lab.Ns.IpBatch(questions.Select(q => "route get " + q));
        var errors = new Dictionary<int, string>();
        string? reason = null;
        foreach (var line in result.Stderr.Split('\n'))
        {
            if (line.StartsWith("RTNETLINK answers: ", StringComparison.Ordinal))
            {
                reason = line["RTNETLINK answers: ".Length..];
            }
            else if (line.StartsWith("Command failed ", StringComparison.Ordinal) && reason is not null)
            {
                errors[int.Parse(line[(line.LastIndexOf(':') + 1)..]) - 1] = reason;
                reason = null;
            }
        }

        var firstLines = result.Stdout.Split('\n').Where(l => l.Length > 0 && !char.IsWhiteSpace(l[0])).ToList();
        var answers = new List<string>(questions.Count);
        var next = 0;
        for (var i = 0; i < questions.Count; i++)
        {
            answers.Add(errors.TryGetValue(i, out var error) ? $"{questions[i].Split(' ')[0]} error: {error}" : firstLines[next++].TrimEnd());
        }

        Assert.Equal(firstLines.Count, next);
        return answers;
    }

    [GeneratedRegex(@"(\d+) answered in-process, (\d+) asked of the kernel")]
    private static partial Regex InProcessCounts();

    /// <summary>A file that is deleted when the test is done.</summary>
    private sealed class TempFile : IDisposable
    {
        public TempFile(string text)
        {
            Path = System.IO.Path.GetTempFileName();
            File.WriteAllText(Path, text);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
