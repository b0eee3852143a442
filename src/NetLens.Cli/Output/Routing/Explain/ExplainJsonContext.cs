using System.Text.Json.Serialization;

namespace NetLens.Cli.Output.Routing.Explain;

/// <summary>Source-generated serialization for the --explain document (NativeAOT has no reflection JSON).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(ExplainDocument))]
internal sealed partial class ExplainJsonContext : JsonSerializerContext;
