using System.Text.Json.Serialization;

namespace NetLens.Cli.Output.Port;

/// <summary>Source-generated JSON for port open/close (NativeAOT has no reflection-based JSON).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(PlanDocument))]
internal sealed partial class PlanJsonContext : JsonSerializerContext;
