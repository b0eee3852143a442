using System.Text.Json.Serialization;
using NetLens.Cli.Output.Doctor;
using NetLens.Cli.Output.Port;
using NetLens.Cli.Output.Routing;
using NetLens.Cli.Output.Routing.Checks;
using NetLens.Cli.Output.Routing.Diff;
using NetLens.Cli.Output.Routing.Explain;
using NetLens.Cli.Output.Routing.Watch;
using NetLens.Cli.Output.Scan;
using NetLens.Cli.Output.Sockets;
using NetLens.Cli.Output.Trace;

namespace NetLens.Cli.Output.Json;

/// <summary>
/// Source-generated serialization of every --json document (NativeAOT has no reflection-based JSON): snake_case
/// keys, nulls omitted. Written through <see cref="JsonOutput"/>, which adds the relaxed encoder.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(RoutesDocument))]
[JsonSerializable(typeof(RouteGetDocument))]
[JsonSerializable(typeof(RouteBatchAnswerJson))]
[JsonSerializable(typeof(ExplainDocument))]
[JsonSerializable(typeof(RoutesCheckDocument))]
[JsonSerializable(typeof(RoutingDiffDocument))]
[JsonSerializable(typeof(RoutingSaveDocument))]
[JsonSerializable(typeof(WatchEventJson))]
[JsonSerializable(typeof(SocketsDocument))]
[JsonSerializable(typeof(SocketSummaryDocument))]
[JsonSerializable(typeof(ScanDocument))]
[JsonSerializable(typeof(TraceDocument))]
[JsonSerializable(typeof(CheckDocument))]
[JsonSerializable(typeof(PlanDocument))]
[JsonSerializable(typeof(TestDocument))]
[JsonSerializable(typeof(ListenDocument))]
[JsonSerializable(typeof(DoctorDocument))]
internal sealed partial class NetLensJsonContext : JsonSerializerContext;
