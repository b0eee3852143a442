using System.Text.Json;
using NetLens.Cli.Output.Routing;
using NetLens.Lab.Tests.Json;

namespace NetLens.Cli.Tests.Json;

public class BatchJsonLinesWriterTests
{
    [Fact]
    public void Each_answer_line_becomes_one_object_on_its_own_line_in_order()
    {
        var output = new StringWriter { NewLine = "\n" };
        using (var lines = new BatchJsonLinesWriter(output))
        {
            lines.Write("198.18.10.7 via 198.18.1.254 dev lab1 src 198.18.1.1 uid 0\n198.18.20.1 error: No route to host\nlocal 198.18.0.1 dev lo ");
            lines.Write("table local src 198.18.0.1 uid 0\n2001:db8:10::1 from :: via 2001:db8:1::fe dev lab1 proto static src 2001:db8:1::1 metric 100 pref medium");
        }

        Assert.Equal(
            """
            {"destination":"198.18.10.7","found":true,"line":"198.18.10.7 via 198.18.1.254 dev lab1 src 198.18.1.1 uid 0"}
            {"destination":"198.18.20.1","found":false,"error":"No route to host"}
            {"destination":"198.18.0.1","found":true,"line":"local 198.18.0.1 dev lo table local src 198.18.0.1 uid 0"}
            {"destination":"2001:db8:10::1","found":true,"line":"2001:db8:10::1 from :: via 2001:db8:1::fe dev lab1 proto static src 2001:db8:1::1 metric 100 pref medium"}

            """.ReplaceLineEndings("\n"),
            output.ToString());
        JsonSchemaCheck.AssertValidLines("route-get-batch-answer", output.ToString());
    }

    [Fact]
    public void An_answer_split_across_writes_and_flushes_is_one_object()
    {
        var output = new StringWriter { NewLine = "\n" };
        using (var lines = new BatchJsonLinesWriter(output))
        {
            foreach (var c in "198.18.5.5 error: Permission denied\n")
            {
                lines.Write(c);
                lines.Flush();
            }
        }

        var answer = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal(("198.18.5.5", false, "Permission denied"), (answer.GetProperty("destination").GetString(), answer.GetProperty("found").GetBoolean(), answer.GetProperty("error").GetString()));
    }
}
