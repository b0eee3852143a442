using System.Globalization;
using System.Text.Json;

namespace NetLens.Core.Firewall.Rulesets;

/// <summary>Writes an nft JSON rule back in nft's own syntax ("tcp dport { 22, 80 } accept"), for the answer to name the rule as nft lists it.</summary>
internal static class NftText
{
    public static string Rule(JsonElement rule)
    {
        var parts = new List<string>();
        if (rule.TryGetProperty("expr", out var exprs) && exprs.ValueKind == JsonValueKind.Array)
        {
            foreach (var expr in exprs.EnumerateArray())
            {
                parts.Add(Statement(expr));
            }
        }

        if (rule.TryGetProperty("comment", out var comment) && comment.ValueKind == JsonValueKind.String)
        {
            parts.Add($"comment \"{comment.GetString()}\"");
        }

        return string.Join(' ', parts.Where(p => p.Length > 0));
    }

    public static string Statement(JsonElement expr)
    {
        var (key, value) = Single(expr);
        return key switch
        {
            "match" => Match(value),
            "accept" or "drop" or "return" or "continue" or "reject" or "counter" or "notrack" => key,
            "jump" or "goto" => $"{key} {Str(value, "target")}",
            "log" => value.ValueKind == JsonValueKind.Object && value.TryGetProperty("prefix", out var prefix) ? $"log prefix \"{prefix.GetString()}\"" : "log",
            "vmap" => $"{Expr(value.GetProperty("key"))} vmap {Value(value.GetProperty("data"))}",
            "dnat" or "snat" => $"{key} to {Nat(value)}",
            "redirect" => value.ValueKind == JsonValueKind.Object && value.TryGetProperty("port", out var port) ? $"redirect to :{Value(port)}" : "redirect",
            "xt" => $"xt {Str(value, "name")}",
            _ => key,
        };
    }

    public static string Match(JsonElement match)
    {
        var op = Str(match, "op");
        var left = match.GetProperty("left");
        var right = match.GetProperty("right");
        var quote = left.TryGetProperty("meta", out var meta) && Str(meta, "key") is "iifname" or "oifname" or "iif" or "oif";
        var opText = op is "==" or "in" ? " " : $" {op} ";
        return Expr(left) + opText + Value(right, quote);
    }

    public static string Expr(JsonElement expr)
    {
        if (expr.ValueKind != JsonValueKind.Object)
        {
            return Value(expr);
        }

        var (key, value) = Single(expr);
        return key switch
        {
            "payload" => value.TryGetProperty("protocol", out var protocol) ? $"{protocol.GetString()} {Str(value, "field")}" : "payload",
            "meta" => Str(value, "key") is "iifname" or "oifname" or "iif" or "oif" or "mark" ? Str(value, "key") : $"meta {Str(value, "key")}",
            "ct" => $"ct {Str(value, "key")}",
            "&" or "|" => $"{Expr(value[0])} {key} {Value(value[1])}",
            "fib" => $"fib {string.Join(" . ", value.TryGetProperty("flags", out var flags) ? flags.EnumerateArray().Select(f => f.GetString()) : [])} {Str(value, "result")}",
            "concat" => string.Join(" . ", value.EnumerateArray().Select(Expr)),
            _ => key,
        };
    }

    public static string Value(JsonElement value, bool quote = false)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.GetRawText();
            case JsonValueKind.String:
                var text = value.GetString()!;
                return quote && !text.StartsWith('@') ? $"\"{text}\"" : text;
            case JsonValueKind.Array:
                return value.GetArrayLength() == 1 ? Value(value[0], quote) : string.Join(',', value.EnumerateArray().Select(v => Value(v, quote)));
            case JsonValueKind.Object:
                var (key, inner) = Single(value);
                return key switch
                {
                    "set" => "{ " + string.Join(", ", inner.ValueKind == JsonValueKind.Array ? inner.EnumerateArray().Select(e => Element(e, quote)) : [Value(inner, quote)]) + " }",
                    "range" => $"{Value(inner[0])}-{Value(inner[1])}",
                    "prefix" => $"{Str(inner, "addr")}/{inner.GetProperty("len").GetRawText()}",
                    "elem" => Value(inner.GetProperty("val"), quote),
                    "concat" => string.Join(" . ", inner.EnumerateArray().Select(v => Value(v, quote))),
                    "accept" or "drop" or "return" or "continue" => key,
                    "jump" or "goto" => $"{key} {Str(inner, "target")}",
                    _ => Expr(value),
                };
            default:
                return value.GetRawText();
        }
    }

    private static string Element(JsonElement element, bool quote) =>
        element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == 2
            ? $"{Value(element[0], quote)} : {Value(element[1])}"
            : Value(element, quote);

    private static string Nat(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return string.Empty;
        }

        var address = value.TryGetProperty("addr", out var a) ? Value(a) : string.Empty;
        var port = value.TryGetProperty("port", out var p) ? ":" + Value(p) : string.Empty;
        return address + port;
    }

    internal static (string Key, JsonElement Value) Single(JsonElement expr)
    {
        if (expr.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in expr.EnumerateObject())
            {
                return (property.Name, property.Value);
            }
        }

        return (expr.ValueKind.ToString().ToLowerInvariant(), expr);
    }

    private static string Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
            : string.Empty;

    internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
