using System.Text.Json;
using Json.Schema;

namespace NetLens.Lab.Tests.Json;

/// <summary>
/// Validates a --json document against its schema in docs/schema (draft 2020-12); shared by the unit and lab tests.
/// </summary>
public static class JsonSchemaCheck
{
    private static readonly Dictionary<string, JsonSchema> Schemas = [];

    public static string Directory { get; } = Path.Combine(FindRoot(), "docs", "schema");

    /// <summary>The path of a schema by its document name ("routes" → docs/schema/routes.schema.json).</summary>
    public static string PathOf(string name) => Path.Combine(Directory, name + ".schema.json");

    /// <summary>Fails with every error's location and message when <paramref name="json"/> is not a valid <paramref name="name"/> document.</summary>
    public static void AssertValid(string name, string json)
    {
        using var document = JsonDocument.Parse(json);
        AssertValid(name, document.RootElement);
    }

    public static void AssertValid(string name, JsonElement element)
    {
        var results = Schema(name).Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return;
        }

        var errors = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .Take(20);
        Assert.Fail($"not a valid {name} document ({PathOf(name)}):\n  " + string.Join("\n  ", errors) + "\n" + Excerpt(element));
    }

    /// <summary>Every line of a JSON lines stream against the schema of one line.</summary>
    public static void AssertValidLines(string name, string lines)
    {
        var count = 0;
        foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            AssertValid(name, line);
            count++;
        }

        Assert.True(count > 0, "no JSON line to validate");
    }

    private static JsonSchema Schema(string name)
    {
        lock (Schemas)
        {
            if (!Schemas.TryGetValue(name, out var schema))
            {
                schema = JsonSchema.FromText(File.ReadAllText(PathOf(name)));
                Schemas[name] = schema;
            }

            return schema;
        }
    }

    private static string Excerpt(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length <= 2000 ? text : text[..2000] + "…";
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NetLens.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (NetLens.slnx) above " + AppContext.BaseDirectory);
    }
}
