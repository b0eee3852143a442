using System.Text;
using NetLens.Cli.Commands.Routing;
using NetLens.Cli.Commands.Routing.Batch;
using NetLens.Cli.Parsing;
using NetLens.Cli.Snapshots;
using NetLens.Cli.Tests.Snapshots;
using NetLens.Core;
using NetLens.Engines.Routing.Batch;
using NetLens.Fuzzing;

namespace NetLens.Cli.Tests.Properties;

/// <summary>
/// The parsers that live in NetLens.Cli as fuzz targets: `route get --batch` files and lines, snapshot files, and the
/// option words of route get. Their typed answer to bad input is <see cref="UsageException"/> (one line, exit 2).
/// </summary>
internal static class CliFuzzTargets
{
    public static FuzzTarget Named(string name) => All.Single(t => t.Name == name);

    private static bool IsUsage(Exception e) => e is UsageException;

    private static readonly string[] BatchLines =
    [
        "198.18.0.1 mark 0x10\r\n\n  # note\n\t198.18.0.2   mark 0x10  \n2001:db8::1 mark 0x10\n198.18.0.3",
        "198.18.0.1\n198.18.0.2 --from 198.18.0.9 --iif lo --oif eth0\n2001:db8::1 --uid 1000 --tos 0x10 --ipproto tcp --sport 1000 --dport 443\n",
        "::ffff:198.18.0.1\n2001:db8:1:2:3:4:5:6\n0:0:0:0:0:ffff:c612:1\nfrom 198.18.0.1 mark 7 iif lo\n",
    ];

    private static readonly string[] BatchTokens =
    [
        "\n", "\r\n", " ", "\t", "#", "--from ", "--iif ", "--oif ", "--mark ", "--uid ", "--tos ", "--ipproto ", "--sport ", "--dport ",
        "from ", "mark ", "0x", "::", ".", "%", "198.18.0.1", "2001:db8::1", "4294967296", "udp", "65536",
    ];

    // after the arrays Build reads: static fields initialise in order
    public static IReadOnlyList<FuzzTarget> All { get; } = Build();

    private static List<FuzzTarget> Build()
    {
        var parser = new BatchQuestionParser(new RouteGetOptions { Target = string.Empty });
        var withDefaults = new BatchQuestionParser(new RouteGetOptions { Target = string.Empty, From = "198.18.0.9", Mark = "0x10" });
        return
        [
            new FuzzTarget("batch-file", [.. BatchLines.Select(Encoding.UTF8.GetBytes)], [.. BatchTokens.Select(Encoding.UTF8.GetBytes)],
                bytes => BatchQuestions.Parse(bytes, bytes.Length, parser, "fuzz"), IsUsage),
            FuzzTarget.Text("batch-line", BatchLines.SelectMany(l => l.Split('\n')), BatchTokens, line =>
            {
                parser.Parse(line);
                withDefaults.Parse(line);
            }, IsUsage),
            new FuzzTarget("snapshot-file", [SnapshotSeed()], [.. SnapshotTokens().Select(Encoding.UTF8.GetBytes)],
                bytes => RoutingSnapshotFile.Parse(bytes, "fuzz.json"), IsUsage),
            FuzzTarget.Text("route-get-numbers", ["0x10", "1000", "443", "tcp", "udp", "255", "0xffffffff"], ["0x", "-", "+", "9"], text =>
            {
                NumberText.ParseUInt32(text, "--mark");
                NumberText.ParseByte(text, "--tos");
                NumberText.ParsePort(text, "--sport");
                IpProtocolText.Parse(text);
            }, IsUsage),
        ];
    }

    /// <summary>RichSnapshot as `routes --save` writes it: every field of the model once.</summary>
    internal static byte[] SnapshotSeed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"netlens-fuzz-seed-{Environment.ProcessId}.json");
        try
        {
            RoutingSnapshotFile.Save(RichSnapshot.Create(), path, new RoutingSnapshotMetadata(DateTimeOffset.UnixEpoch, "fuzz", "ns", "0.0.0"));
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string[] SnapshotTokens() =>
        ["{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "200", "4294967296", "1e999", "\"\"", "\"prefix_length\"", "\"version\"", "\"format\"",
            "\"netlens-routing-snapshot\"", "\"links\"", "\"routes\"", "\"rules\"", "\"addresses\"", "\"198.18.0.1\"", "\"2001:db8::/32\"", "\"nexthops\"", "\"metrics\""];
}
