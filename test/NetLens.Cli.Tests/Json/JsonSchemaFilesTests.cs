using NetLens.Lab.Tests.Json;

namespace NetLens.Cli.Tests.Json;

/// <summary>docs/schema is generated from the documents' types: change a document, run with NETLENS_WRITE_SCHEMAS=1, commit the files.</summary>
public class JsonSchemaFilesTests
{
    public static TheoryData<string> Names() => [.. JsonSchemaCatalog.Documents.Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void The_schema_file_is_the_one_generated_from_the_document(string name)
    {
        var (_, title, type) = JsonSchemaCatalog.Documents.Single(d => d.Name == name);
        var expected = JsonSchemaGenerator.Generate(title, type);
        var path = JsonSchemaCheck.PathOf(name);
        if (Environment.GetEnvironmentVariable("NETLENS_WRITE_SCHEMAS") == "1")
        {
            Directory.CreateDirectory(JsonSchemaCheck.Directory);
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run the Cli tests with NETLENS_WRITE_SCHEMAS=1");
        Assert.True(expected == File.ReadAllText(path), $"{path} is out of date: run the Cli tests with NETLENS_WRITE_SCHEMAS=1 and commit it");
    }

    [Fact]
    public void Every_schema_file_belongs_to_a_document()
    {
        var files = Directory.GetFiles(JsonSchemaCheck.Directory, "*.schema.json").Select(f => Path.GetFileName(f)[..^".schema.json".Length]);

        Assert.Equal(JsonSchemaCatalog.Documents.Select(d => d.Name).Order(), files.Order());
    }

    [Theory]
    [InlineData("""{"findings": [], "extra": 1}""")]
    [InlineData("""{"Findings": []}""")]
    [InlineData("""{"findings": [{"id": "x", "severity": "notice", "message": "m", "fix": null, "routes": [], "rules": []}]}""")]
    [InlineData("""{"findings": [{"id": "x", "severity": "notice", "message": "m", "routes": [], "rules": []}]}""")]
    public void A_document_off_the_convention_is_refused(string json)
    {
        Assert.ThrowsAny<Exception>(() => JsonSchemaCheck.AssertValid("routes-check", json));
    }

    [Fact]
    public void A_document_on_the_convention_is_accepted()
    {
        JsonSchemaCheck.AssertValid("routes-check", """{"findings": [{"id": "x", "severity": "notice", "message": "m", "fix": "f", "routes": [], "rules": [{"priority": 1, "text": "1: from all lookup main"}]}]}""");
    }
}
