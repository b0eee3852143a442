using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace NetLens.Cli.Output.Json;

/// <summary>
/// The one way a --json document is written: snake_case keys, nulls left out, through the source-generated
/// <see cref="NetLensJsonContext"/> (NativeAOT has no reflection JSON), with the relaxed encoder so messages that
/// quote commands (`ip route …`, "bip", a+b, &lt;none&gt;, it's) stay readable instead of \u0060-escaped: the
/// documents are read by people and scripts, never pasted into HTML.
/// </summary>
public static class JsonOutput
{
    /// <summary>One indented document per run.</summary>
    private static readonly NetLensJsonContext Document = new(Options(indented: true));

    /// <summary>One object per line (JSON lines), for streams.</summary>
    private static readonly NetLensJsonContext Line = new(Options(indented: false));

    /// <summary>Writes <paramref name="document"/> indented, then a newline.</summary>
    public static void Write<T>(TextWriter output, T document) => output.WriteLine(Serialize(document));

    /// <summary>Writes <paramref name="record"/> on one line, then a newline (a JSON lines stream).</summary>
    public static void WriteLine<T>(TextWriter output, T record) => output.WriteLine(JsonSerializer.Serialize(record, TypeInfo<T>(Line)));

    /// <summary>The document as <see cref="Write{T}"/> prints it, without the newline.</summary>
    public static string Serialize<T>(T document) => JsonSerializer.Serialize(document, TypeInfo<T>(Document));

    private static JsonTypeInfo<T> TypeInfo<T>(NetLensJsonContext context) =>
        context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not a JSON document of NetLensJsonContext");

    private static JsonSerializerOptions Options(bool indented) => new(NetLensJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = indented,
    };
}
