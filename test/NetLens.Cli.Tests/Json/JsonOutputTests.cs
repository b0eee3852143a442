using System.Text.Json;
using NetLens.Cli.Output.Json;
using NetLens.Cli.Output.Routing.Checks;

namespace NetLens.Cli.Tests.Json;

public class JsonOutputTests
{
    [Fact]
    public void Characters_html_would_escape_are_printed_as_they_are()
    {
        var document = new RoutesCheckDocument([new FindingJson
        {
            Id = "split-default",
            Severity = "warning",
            Message = "a+b `ip route` <none> & it's",
            Fix = "→ \"quoted\" \\",
            Routes = [],
            Rules = [],
        }]);

        var json = JsonOutput.Serialize(document);

        Assert.Contains("\"message\": \"a+b `ip route` <none> & it's\"", json, StringComparison.Ordinal);
        Assert.Contains("\"fix\": \"→ \\\"quoted\\\" \\\\\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_is_indented_and_a_line_is_one_line()
    {
        var document = new RoutesCheckDocument([]);
        var lines = new StringWriter { NewLine = "\n" };

        JsonOutput.WriteLine(lines, document);

        Assert.Equal("{\n  \"findings\": []\n}", JsonOutput.Serialize(document).ReplaceLineEndings("\n"));
        Assert.Equal("{\"findings\":[]}\n", lines.ToString());
    }

    [Fact]
    public void Control_characters_are_still_escaped()
    {
        var json = JsonOutput.Serialize(new RoutesCheckDocument([new FindingJson { Id = "x", Severity = "notice", Message = "bell\u0007", Fix = "", Routes = [], Rules = [] }]));

        Assert.Equal("bell\u0007", JsonDocument.Parse(json).RootElement.GetProperty("findings")[0].GetProperty("message").GetString());
        Assert.DoesNotContain('\u0007', json);
    }
}
