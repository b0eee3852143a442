using System.Text.Json.Serialization;

namespace NetLens.Cli.Output.Routing.Diff;

/// <summary>Source-generated JSON (NativeAOT) of `routes --diff --json`: snake_case, nulls omitted, one indented document.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(RoutingDiffDocument))]
internal sealed partial class DiffJsonContext : JsonSerializerContext;
