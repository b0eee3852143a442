using System.Globalization;
using System.Text.Json;
using NetLens.Core.Firewall.Planning;

namespace NetLens.Core.Firewall.Facts;

/// <summary>
/// Reads `nft -j list ruleset` (libnftables JSON schema 1) into chains: hooks, policies, whether a drop is reachable,
/// and each rule's comment and handle. Tables another program owns (iptables-nft's) are left out by the caller's list.
/// </summary>
public static class NftRulesetParser
{
    /// <summary>The chains of the listing; JSON of another shape than nft prints is an <see cref="InvalidDataException"/>.</summary>
    public static IReadOnlyList<FirewallChain> Parse(string json, IReadOnlySet<string> excludedTables) => Shaped(() => ReadChains(json, excludedTables));

    private static IReadOnlyList<FirewallChain> ReadChains(string json, IReadOnlySet<string> excludedTables)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var chains = new List<(string Family, string Table, string Name, string? Hook, string? Type, bool PolicyDrops)>();
        var rules = new Dictionary<(string, string, string), List<(string? Comment, string Handle, bool Drops, List<string> Targets)>>();
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (item.TryGetProperty("chain", out var chain))
            {
                var key = (Str(chain, "family"), Str(chain, "table"), Str(chain, "name"));
                chains.Add((key.Item1, key.Item2, key.Item3, OptStr(chain, "hook"), OptStr(chain, "type"), OptStr(chain, "policy") == "drop"));
                rules.TryAdd(key, []);
            }
            else if (item.TryGetProperty("rule", out var rule))
            {
                var key = (Str(rule, "family"), Str(rule, "table"), Str(rule, "chain"));
                var targets = new List<string>();
                var drops = rule.TryGetProperty("expr", out var expr) && Walk(expr, targets);
                var handle = rule.GetProperty("handle").GetInt64().ToString(CultureInfo.InvariantCulture);
                (rules.TryGetValue(key, out var list) ? list : rules[key] = []).Add((OptStr(rule, "comment"), handle, drops, targets));
            }
        }

        var result = new List<FirewallChain>();
        foreach (var table in chains.GroupBy(c => (c.Family, c.Table)))
        {
            if (excludedTables.Contains($"{table.Key.Family} {table.Key.Table}"))
            {
                continue;
            }

            var graph = table.ToDictionary(
                c => c.Name,
                c =>
                {
                    var own = rules[(c.Family, c.Table, c.Name)];
                    return (c.PolicyDrops || own.Any(r => r.Drops), (IReadOnlyList<string>)[.. own.SelectMany(r => r.Targets)]);
                },
                StringComparer.Ordinal);
            var capable = ChainReachability.DropCapable(graph);
            foreach (var c in table)
            {
                var hook = c.Type == "filter" ? HookOf(c.Hook) : null;
                result.Add(new FirewallChain(
                    FirewallBackend.Nftables,
                    c.Family,
                    c.Table,
                    c.Name,
                    hook,
                    capable.Contains(c.Name),
                    [.. rules[(c.Family, c.Table, c.Name)].Select(r => new ChainRule(r.Comment, r.Handle))]));
            }
        }

        return result;
    }

    /// <summary>"family name" of every table in the listing: which iptables-nft tables exist, without asking iptables.</summary>
    public static IReadOnlySet<string> TableNames(string json) => Shaped(() => ReadTableNames(json));

    private static IReadOnlySet<string> ReadTableNames(string json)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return names;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (item.TryGetProperty("table", out var table))
            {
                names.Add($"{Str(table, "family")} {Str(table, "name")}");
            }
        }

        return names;
    }

    /// <summary>
    /// The listing comes from nft, not the user, but a different nft version (or a damaged pipe) must not end in a stack
    /// trace: whatever JsonDocument raises for a missing key or a wrong kind, or a table with a chain twice, is one typed error.
    /// </summary>
    private static T Shaped<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or FormatException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"`nft -j list ruleset` printed JSON netlens cannot read: {e.Message}", e);
        }
    }

    private static FirewallHook? HookOf(string? hook) => hook switch
    {
        "input" => FirewallHook.Input,
        "output" => FirewallHook.Output,
        _ => null,
    };

    /// <summary>True when a drop or reject verdict appears anywhere in the expressions; collects jump/goto targets.</summary>
    private static bool Walk(JsonElement element, List<string> targets)
    {
        var drops = false;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is "drop" or "reject")
                    {
                        drops = true;
                    }
                    else if (property.Name is "jump" or "goto" && property.Value.ValueKind == JsonValueKind.Object
                        && property.Value.TryGetProperty("target", out var target) && target.ValueKind == JsonValueKind.String)
                    {
                        targets.Add(target.GetString()!);
                    }
                    else
                    {
                        drops |= Walk(property.Value, targets);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var child in element.EnumerateArray())
                {
                    drops |= Walk(child, targets);
                }

                break;
        }

        return drops;
    }

    private static string Str(JsonElement element, string name) => element.GetProperty(name).GetString() ?? string.Empty;

    private static string? OptStr(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
