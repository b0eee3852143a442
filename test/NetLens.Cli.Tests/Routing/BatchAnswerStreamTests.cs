using System.Text;
using NetLens.Cli.Commands.Routing.Batch;
using NetLens.Cli.Hosting;
using NetLens.Cli.Snapshots;
using NetLens.Cli.Tests.Snapshots;

namespace NetLens.Cli.Tests.Routing;

/// <summary>The batch engine writes bytes: a UTF-8 stdout gets them as they are, any other writer the same text decoded.</summary>
public sealed class BatchAnswerStreamTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("netlens-batch-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_character_split_between_two_writes_is_decoded_whole()
    {
        var text = new StringWriter();
        var bytes = Encoding.UTF8.GetBytes("dev br-é\n");
        using (var stream = AnswerStream.For(text))
        {
            var split = Array.IndexOf(bytes, (byte)0xC3) + 1;
            stream.Write(bytes, 0, split);
            stream.Write(bytes, split, bytes.Length - split);
        }

        Assert.Equal("dev br-é\n", text.ToString());
    }

    [Fact]
    public void Answers_into_a_stream_writer_and_into_a_string_writer_are_the_same_lines()
    {
        var snapshot = Path.Combine(_directory, "snapshot.json");
        RoutingSnapshotFile.Save(RichSnapshot.Create(), snapshot);
        var questions = Path.Combine(_directory, "questions");
        File.WriteAllText(questions, "198.19.17.5\n# a comment\n\n198.18.200.2 --mark 0x10\n2001:db8::5\n10.0.0.1\n");

        var text = new StringWriter();
        Assert.Equal(0, NetLensApp.Run(["route", "get", "--batch", questions, "--snapshot", snapshot], new CliOutput(text, TextWriter.Null, outputRedirected: true)));

        var bytes = new MemoryStream();
        var utf8 = new StreamWriter(bytes, new UTF8Encoding(false));
        Assert.Equal(0, NetLensApp.Run(["route", "get", "--batch", questions, "--snapshot", snapshot], new CliOutput(utf8, TextWriter.Null, outputRedirected: true)));
        utf8.Flush();

        Assert.Equal(4, text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(text.ToString(), Encoding.UTF8.GetString(bytes.ToArray()));
    }
}
