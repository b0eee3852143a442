using System.Text.Json.Serialization;

namespace NetLens.Cli.Output.Routing.Checks;

/// <summary>Source-generated JSON for `routes --check` (NativeAOT has no reflection-based JSON); same style as the other documents.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(RoutesCheckDocument))]
internal sealed partial class RoutesCheckJsonContext : JsonSerializerContext;
