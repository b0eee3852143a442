using System.Text.Json.Serialization;

namespace NetLens.Cli.Output.Routing.Watch;

/// <summary>Source-generated JSON (NativeAOT) of watch events: snake_case, nulls omitted, one object per line.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(WatchEventJson))]
internal sealed partial class WatchJsonContext : JsonSerializerContext;
