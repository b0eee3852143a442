using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using NetLens.Cli.Output.Json;
using NetLens.Core.Doctor;

namespace NetLens.Cli.Tests.Json;

/// <summary>
/// The schema of a document from the very type information that writes it (System.Text.Json's exporter), made
/// strict where the writer is: no null is ever written (a property is there or absent), a property whose type cannot
/// be null is always there, no key outside the list, and the mechanism words are the one list.
/// </summary>
internal static class JsonSchemaGenerator
{
    public const string Draft = "https://json-schema.org/draft/2020-12/schema";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly string[] ProbeMechanisms =
        [MechanismWords.RawSocket, MechanismWords.IcmpDatagram, MechanismWords.UdpErrorQueue, MechanismWords.TcpConnect];

    private static readonly string[] RouteMechanisms = [MechanismWords.Netlink, MechanismWords.Snapshot];

    public static string Generate(string title, JsonTypeInfo type)
    {
        var body = type.GetJsonSchemaAsNode(new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = Strict,
        }).AsObject();
        var schema = new JsonObject { ["$schema"] = Draft, ["title"] = title };
        foreach (var (key, value) in body.ToList())
        {
            body.Remove(key);
            schema[key] = value;
        }

        return schema.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }

    private static JsonNode Strict(JsonSchemaExporterContext context, JsonNode node)
    {
        if (node is not JsonObject schema)
        {
            return node;
        }

        if (context.PropertyInfo is not null)
        {
            if (!WrittenAsNull(context.PropertyInfo))
            {
                WithoutNull(schema);
            }

            Mechanisms(context.PropertyInfo, schema);
            DoctorWords(context.PropertyInfo, schema);
        }

        if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && schema["properties"] is JsonObject)
        {
            schema.Remove("required");
            var required = context.TypeInfo.Properties.Where(p => !CanBeNull(p)).Select(p => (JsonNode?)p.Name).ToArray();
            if (required.Length > 0)
            {
                schema["required"] = new JsonArray(required);
            }

            schema["additionalProperties"] = false;
        }

        return schema;
    }

    /// <summary>Nulls are left out (JsonIgnoreCondition.WhenWritingNull): a value is never null, only absent.</summary>
    private static void WithoutNull(JsonObject schema)
    {
        if (schema.TryGetPropertyValue("default", out var value) && value is null)
        {
            schema.Remove("default");
        }

        if (schema["type"] is JsonArray types)
        {
            var kept = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList();
            schema["type"] = kept.Count == 1 ? kept[0] : new JsonArray([.. kept.Select(t => (JsonNode?)t)]);
        }
    }

    /// <summary>A property marked [JsonIgnore(Condition = Never)] is written as null, as its contract says (doctor's cause hop and rule).</summary>
    private static bool WrittenAsNull(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), true).OfType<JsonIgnoreAttribute>()
            .Any(a => a.Condition == JsonIgnoreCondition.Never) == true;

    /// <summary>doctor's contract words: verdicts, cause kinds and places, step statuses, the host a fix is for.</summary>
    private static void DoctorWords(JsonPropertyInfo property, JsonObject schema)
    {
        string[]? words = (property.DeclaringType.Name, property.Name) switch
        {
            (nameof(Output.Doctor.DoctorDocument), "verdict") => [.. Enum.GetValues<DoctorVerdict>().Select(v => Output.Doctor.DoctorWords.Verdict(v))],
            (nameof(Output.Doctor.DoctorCauseJson), "kind") => [.. Enum.GetValues<CauseKind>().Select(k => Output.Trace.LossKindWords.Snake(k.ToString()))],
            (nameof(Output.Doctor.DoctorCauseJson), "where") => [.. Enum.GetValues<CauseLocation>().Select(w => w.ToString().ToLowerInvariant())],
            (nameof(Output.Doctor.DoctorStepJson), "status") => [.. Enum.GetValues<StepStatus>().Select(Output.Doctor.DoctorWords.Status)],
            (nameof(Output.Doctor.DoctorFixJson), "on") => ["local", "peer"],
            (nameof(Output.Doctor.DoctorMechanismsJson), "path" or "port") => ProbeMechanisms,
            (nameof(Output.Doctor.DoctorMechanismsJson), "route") => RouteMechanisms,
            _ => null,
        };
        if (words is not null)
        {
            schema["enum"] = new JsonArray([.. words.Select(w => (JsonNode?)w)]);
        }
    }

    private static bool CanBeNull(JsonPropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null || (!property.PropertyType.IsValueType && property.IsGetNullable);

    private static void Mechanisms(JsonPropertyInfo property, JsonObject schema)
    {
        var words = property.DeclaringType == typeof(Output.Json.RouteGetDocument) ? RouteMechanisms : ProbeMechanisms;
        if (property.Name == "mechanism")
        {
            schema["enum"] = new JsonArray([.. words.Select(w => (JsonNode?)w)]);
        }
        else if (property.Name == "mechanisms" && schema["items"] is JsonObject items)
        {
            items["enum"] = new JsonArray([.. words.Select(w => (JsonNode?)w)]);
        }
    }
}
