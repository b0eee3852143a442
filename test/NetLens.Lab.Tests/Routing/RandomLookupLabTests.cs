using System.Net;
using System.Text;
using NetLens.Cli.Output.Routing;
using NetLens.Core.Routing;
using NetLens.Linux.Config;
using NetLens.Linux.Routing;
using Xunit.Abstractions;

namespace NetLens.Lab.Tests.Routing;

/// <summary>
/// 12,000 random questions over 100k routes and policy rules: netlens's route get line must equal
/// ip route get's line (or its error) for every one of them.
/// </summary>
public class RandomLookupLabTests(LargeTableLab lab, ITestOutputHelper log) : IClassFixture<LargeTableLab>
{
    private const int Ipv4Questions = 10_000;
    private const int Ipv6Questions = 2_000;

    [SkippableFact]
    public void Every_answer_equals_ip_route_get()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var random = new Random(LargeTableLab.Seed + 1);
        var questions = new List<Question>();
        for (var i = 0; i < Ipv4Questions + Ipv6Questions; i++)
        {
            questions.Add(i < Ipv4Questions ? RandomIpv4Question(random) : RandomIpv6Question(random));
        }

        var expected = AskIp(questions);

        using var netlink = RouteNetlink.OpenInNamespace(lab.Ns.Name);
        var words = new RouteWords(IpNamesFiles.Load(), new InterfaceNames(netlink.DumpLinks()), []);
        var mismatches = new List<string>();
        for (var i = 0; i < questions.Count; i++)
        {
            var outcome = netlink.Lookup(questions[i].Request);
            var actual = outcome.Route is { } route ? words.IpFirstLine(route) : "error: " + outcome.Error;
            if (actual != expected[i])
            {
                mismatches.Add($"{questions[i].IpText}\n  ip:      {expected[i]}\n  netlens: {actual}");
            }
        }

        log.WriteLine($"{questions.Count} questions, {mismatches.Count} mismatches, {expected.Count(e => e.StartsWith("error:", StringComparison.Ordinal))} without a route");
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches.Take(10)));
    }

    /// <summary>ip's answer per question: its first line, or "error: REASON" (stderr says which line failed).</summary>
    private List<string> AskIp(List<Question> questions)
    {
        var result = lab.Ns.IpBatch(questions.Select(q => "route get " + q.IpText));
        var answers = new List<string>(questions.Count);
        var errors = new Dictionary<int, string>();
        string? reason = null;
        foreach (var line in result.Stderr.Split('\n'))
        {
            if (line.StartsWith("RTNETLINK answers: ", StringComparison.Ordinal))
            {
                reason = line["RTNETLINK answers: ".Length..];
            }
            else if (line.StartsWith("Command failed -:", StringComparison.Ordinal) && reason is not null)
            {
                errors[int.Parse(line["Command failed -:".Length..]) - 1] = reason;
                reason = null;
            }
        }

        var firstLines = result.Stdout.Split('\n').Where(l => l.Length > 0 && !char.IsWhiteSpace(l[0])).ToList();
        var next = 0;
        for (var i = 0; i < questions.Count; i++)
        {
            answers.Add(errors.TryGetValue(i, out var error) ? "error: " + error : firstLines[next++].TrimEnd());
        }

        Assert.Equal(firstLines.Count, next);
        return answers;
    }

    private static Question RandomIpv4Question(Random random)
    {
        var address = new IPAddress([198, (byte)(18 + random.Next(2)), (byte)random.Next(256), (byte)random.Next(1, 255)]);
        var request = new RouteLookupRequest { Destination = address };
        var text = new StringBuilder(address.ToString());
        switch (random.Next(8))
        {
            case 0:
                request = request with { Mark = 0x10 };
                text.Append(" mark 0x10");
                break;
            case 1:
                request = request with { Mark = 0x20 };
                text.Append(" mark 0x20");
                break;
            case 2:
                request = request with { Uid = 1500 };
                text.Append(" uid 1500");
                break;
            case 3:
                var from = LargeTableLab.LocalSources[random.Next(LargeTableLab.LocalSources.Count)];
                request = request with { From = IPAddress.Parse(from) };
                text.Append(" from ").Append(from);
                break;
            case 4:
                request = request with { InputInterface = "big0", From = IPAddress.Parse("198.18.0.77") };
                text.Append(" from 198.18.0.77 iif big0");
                break;
            case 5:
                request = request with { Tos = 0x10 };
                text.Append(" tos 0x10");
                break;
        }

        return new Question(request, text.ToString());
    }

    private static Question RandomIpv6Question(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        bytes[0] = 0x20;
        bytes[1] = 0x01;
        bytes[2] = 0x0d;
        bytes[3] = 0xb8;
        var address = new IPAddress(bytes);
        return random.Next(4) == 0
            ? new Question(new RouteLookupRequest { Destination = address, Mark = 0x10 }, $"{address} mark 0x10")
            : new Question(new RouteLookupRequest { Destination = address }, address.ToString());
    }

    private sealed record Question(RouteLookupRequest Request, string IpText);
}
