using System.Text.Json.Serialization.Metadata;
using NetLens.Cli.Output.Json;

namespace NetLens.Cli.Tests.Json;

/// <summary>Every --json document, the file its schema lives in (docs/schema/NAME.schema.json) and the command that prints it.</summary>
internal static class JsonSchemaCatalog
{
    public static IReadOnlyList<(string Name, string Title, JsonTypeInfo Type)> Documents { get; } =
    [
        ("routes", "netlens routes --json", NetLensJsonContext.Default.RoutesDocument),
        ("routes-check", "netlens routes --check --json", NetLensJsonContext.Default.RoutesCheckDocument),
        ("routes-diff", "netlens routes --diff FILE --json", NetLensJsonContext.Default.RoutingDiffDocument),
        ("routes-save", "netlens routes --save FILE --json", NetLensJsonContext.Default.RoutingSaveDocument),
        ("routes-watch-event", "netlens routes --watch --json (one object per line)", NetLensJsonContext.Default.WatchEventJson),
        ("route-get", "netlens route get ADDR --json (and --snapshot FILE)", NetLensJsonContext.Default.RouteGetDocument),
        ("route-get-batch-answer", "netlens route get --batch FILE --json (one object per line)", NetLensJsonContext.Default.RouteBatchAnswerJson),
        ("route-get-explain", "netlens route get ADDR --explain --json", NetLensJsonContext.Default.ExplainDocument),
        ("sockets", "netlens sockets --json", NetLensJsonContext.Default.SocketsDocument),
        ("sockets-summary", "netlens sockets -s --json and sockets --check --json", NetLensJsonContext.Default.SocketSummaryDocument),
        ("scan", "netlens scan TARGET --json", NetLensJsonContext.Default.ScanDocument),
        ("trace", "netlens trace HOST --json", NetLensJsonContext.Default.TraceDocument),
        ("port-check", "netlens port check SPEC --json", NetLensJsonContext.Default.CheckDocument),
        ("port-change", "netlens port open|close SPEC --json", NetLensJsonContext.Default.PlanDocument),
        ("port-test", "netlens port test HOST PORT --json", NetLensJsonContext.Default.TestDocument),
        ("port-listen", "netlens port listen PORT --json", NetLensJsonContext.Default.ListenDocument),
        ("doctor", "netlens doctor DEST[:PORT][/PROTO] --json", NetLensJsonContext.Default.DoctorDocument),
    ];
}
