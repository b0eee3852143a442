using System.Text.Json;
using System.Text.Json.Serialization;

namespace NetLens.Core.Firewall.Transactions;

/// <summary>The journal's file form: JSON (source-generated, so NativeAOT keeps it), snake_case keys.</summary>
public static class JournalJson
{
    public static string Write(ChangeJournal journal) => JsonSerializer.Serialize(journal, JournalJsonContext.Default.ChangeJournal);

    /// <summary>The journal, or null when the text is not one this version can replay (torn, foreign or newer).</summary>
    public static ChangeJournal? Read(string text)
    {
        try
        {
            var journal = JsonSerializer.Deserialize(text, JournalJsonContext.Default.ChangeJournal);
            return journal is { Version: ChangeJournal.CurrentVersion } ? journal : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

// absent (a table or file that did not exist) is written as no key at all
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChangeJournal))]
internal sealed partial class JournalJsonContext : JsonSerializerContext;
