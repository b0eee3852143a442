using System.Text.Json.Serialization;

namespace NetLens.Cli.Output.Scan;

/// <summary>`netlens scan --json`: one document per run.</summary>
public sealed record ScanDocument(
    [property: JsonPropertyName("mechanism")] string Mechanism,
    [property: JsonPropertyName("elapsedSeconds")] double ElapsedSeconds,
    [property: JsonPropertyName("hostsUp")] int HostsUp,
    [property: JsonPropertyName("hosts")] IReadOnlyList<ScanHostDocument> Hosts)
{
    /// <summary>True when the user stopped the scan: the hosts and ports are those settled by then (absent otherwise).</summary>
    [JsonPropertyName("interrupted")]
    public bool? Interrupted { get; init; }

    /// <summary>Targets never probed (broadcast addresses), with the reason (absent when none).</summary>
    [JsonPropertyName("skipped")]
    public IReadOnlyList<ScanSkippedDocument>? Skipped { get; init; }
}

/// <summary>A target address netlens did not probe, and why.</summary>
public sealed record ScanSkippedDocument(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("reason")] string Reason);

public sealed record ScanHostDocument(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("latencySeconds")] double? LatencySeconds,
    [property: JsonPropertyName("ports")] IReadOnlyList<ScanPortDocument> Ports,
    [property: JsonPropertyName("notShown")] IReadOnlyList<ScanNotShownDocument> NotShown);

/// <summary>Every scanned port is here, shown in the text table or not.</summary>
public sealed record ScanPortDocument(
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("protocol")] string Protocol,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("service")] string Service);

/// <summary>What the text output sums up in "Not shown".</summary>
public sealed record ScanNotShownDocument(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("reasons")] IReadOnlyDictionary<string, int> Reasons);

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScanDocument))]
internal sealed partial class ScanJsonContext : JsonSerializerContext;
