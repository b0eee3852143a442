using System.Text.Json.Serialization;

namespace NetLens.Cli.Snapshots;

/// <summary>Source-generated (NativeAOT) snake_case JSON of the snapshot file; compact, since a big host has 200k routes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(SnapshotDocument))]
internal sealed partial class SnapshotJsonContext : JsonSerializerContext;
