using System.Text.Json.Serialization;

namespace NetLens.Cli.Output.Trace;

/// <summary>Source-generated JSON for trace (NativeAOT has no reflection-based JSON); same conventions as the other documents.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(TraceDocument))]
internal sealed partial class TraceJsonContext : JsonSerializerContext;
