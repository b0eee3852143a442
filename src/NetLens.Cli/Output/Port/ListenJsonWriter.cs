using System.Text.Json;
using System.Text.Json.Serialization;
using NetLens.Core.PortTest;

namespace NetLens.Cli.Output.Port;

/// <summary>`port listen --json`: what was bound and every connection or datagram answered, written when listening stops.</summary>
public sealed record ListenDocument(int Port, IReadOnlyList<string> Bound, IReadOnlyList<ListenEventDocument> Events);

public sealed record ListenEventDocument(string Protocol, string From, int FromPort, int Bytes, bool NetlensProbe);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(ListenDocument))]
internal sealed partial class ListenJsonContext : JsonSerializerContext;

public static class ListenJsonWriter
{
    public static void Write(TextWriter output, int port, IEnumerable<string> bound, IReadOnlyList<ListenEvent> events)
    {
        var document = new ListenDocument(port, [.. bound],
            [.. events.Select(e => new ListenEventDocument(e.Protocol, e.From.Address.ToString(), e.From.Port, e.Bytes, e.FromNetlens))]);
        output.WriteLine(JsonSerializer.Serialize(document, ListenJsonContext.Default.ListenDocument));
    }
}
