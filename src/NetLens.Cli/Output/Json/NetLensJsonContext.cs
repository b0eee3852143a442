using System.Text.Json.Serialization;

namespace NetLens.Cli.Output.Json;

/// <summary>Source-generated serialization (NativeAOT has no reflection-based JSON). snake_case keys, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(RoutesDocument))]
[JsonSerializable(typeof(RouteGetDocument))]
internal sealed partial class NetLensJsonContext : JsonSerializerContext;
