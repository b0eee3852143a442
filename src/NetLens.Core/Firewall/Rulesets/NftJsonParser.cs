using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace NetLens.Core.Firewall.Rulesets;

/// <summary>
/// Reads `nft -j list ruleset` (libnftables-json(5)) into chains and rules. What it cannot model becomes an
/// <see cref="UnknownMatch"/> or <see cref="UnknownAction"/>, so the evaluator says "uncertain" rather than guess.
/// </summary>
public static class NftJsonParser
{
    public const string Source = "nftables";

    private static readonly Dictionary<string, FirewallHook> Hooks = new(StringComparer.Ordinal)
    {
        ["prerouting"] = FirewallHook.Prerouting,
        ["input"] = FirewallHook.Input,
        ["forward"] = FirewallHook.Forward,
        ["output"] = FirewallHook.Output,
        ["postrouting"] = FirewallHook.Postrouting,
    };

    private static readonly string[] PortProtocols = ["tcp", "udp", "udplite", "sctp", "dccp"];

    /// <summary>Parses the document; <paramref name="skipTables"/> names tables ("ip filter") read from iptables-nft instead.</summary>
    public static FirewallRuleset Parse(string json, IReadOnlySet<string>? skipTables = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new UsageException($"not nft JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("nftables", out var items)
                || items.ValueKind != JsonValueKind.Array)
            {
                throw new UsageException("not nft JSON: expected {\"nftables\": [...]} as `nft -j list ruleset` prints");
            }

            try
            {
                return Read(items, skipTables ?? new HashSet<string>());
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
            {
                // Valid JSON of another shape: a missing key (GetProperty), a value of the wrong kind (GetString on a number), a short array.
                throw new UsageException($"not nft JSON as `nft -j list ruleset` prints it: {e.Message}");
            }
        }
    }

    /// <summary>"family name" of every table in the listing (a table without chains too): which iptables-nft tables exist, without asking iptables.</summary>
    public static IReadOnlySet<string> TableNames(string json)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(json);
            foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
            {
                if (NftText.Single(item) is ("table", { ValueKind: JsonValueKind.Object } table))
                {
                    names.Add($"{Text(table, "family")} {Text(table, "name")}");
                }
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new UsageException($"not nft JSON as `nft -j list ruleset` prints it: {e.Message}");
        }

        return names;
    }

    private static FirewallRuleset Read(JsonElement items, IReadOnlySet<string> skipTables)
    {
        var sets = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var chains = new List<(string Key, FirewallChain Chain)>();
        var rules = new Dictionary<string, List<FirewallRule>>(StringComparer.Ordinal);
        var notes = new List<string>();
        foreach (var item in items.EnumerateArray())
        {
            var (kind, body) = NftText.Single(item);
            if (kind is "metainfo" or "table" || body.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var family = Text(body, "family");
            var table = Text(body, "table");
            if (skipTables.Contains($"{family} {table}"))
            {
                continue;
            }

            switch (kind)
            {
                case "set" or "map":
                    sets[Key(family, table, Text(body, "name"))] = body;
                    break;
                case "chain":
                    var chain = ReadChain(body, family, table);
                    if (chain.Hook is FirewallHook.Other || (family == "netdev" && chain.Hook is not null))
                    {
                        notes.Add($"{chain.Label} ({family} {Text(body, "hook")} hook) is not evaluated");
                    }

                    chains.Add((Key(family, table, chain.Name), chain));
                    break;
                case "rule":
                    var key = Key(family, table, Text(body, "chain"));
                    if (!rules.TryGetValue(key, out var list))
                    {
                        rules[key] = list = [];
                    }

                    list.Add(ReadRule(body, list.Count + 1, new Context(family, table, sets)));
                    break;
                default:
                    break;
            }
        }

        return new FirewallRuleset([.. chains.Select(c => c.Chain with { Rules = rules.GetValueOrDefault(c.Key) ?? [] })]) { Notes = notes };
    }

    private static FirewallChain ReadChain(JsonElement body, string family, string table)
    {
        FirewallHook? hook = body.TryGetProperty("hook", out var h) ? Hooks.GetValueOrDefault(h.GetString() ?? string.Empty, FirewallHook.Other) : null;
        return new FirewallChain
        {
            Source = Source,
            Family = family,
            Table = table,
            Name = Text(body, "name"),
            Hook = hook,
            Priority = body.TryGetProperty("prio", out var prio) && prio.ValueKind == JsonValueKind.Number ? prio.GetInt32() : 0,
            Type = body.TryGetProperty("type", out var type) ? type.GetString() ?? "filter" : "filter",
            PolicyAccepts = hook is null ? null : !string.Equals(Text(body, "policy"), "drop", StringComparison.Ordinal),
        };
    }

    private sealed record Context(string Family, string Table, Dictionary<string, JsonElement> Sets)
    {
        public JsonElement? Set(string name) => Sets.TryGetValue(Key(Family, Table, name), out var set) ? set : null;
    }

    private static FirewallRule ReadRule(JsonElement body, int position, Context context)
    {
        var matches = new List<Match>();
        RuleAction? action = null;
        if (body.TryGetProperty("expr", out var exprs) && exprs.ValueKind == JsonValueKind.Array)
        {
            foreach (var expr in exprs.EnumerateArray())
            {
                if (action is not null)
                {
                    break;
                }

                var (key, value) = NftText.Single(expr);
                if (key == "match")
                {
                    matches.AddRange(ReadMatch(value, context));
                    continue;
                }

                action = ReadStatement(key, value, expr, context, matches);
            }
        }

        return new FirewallRule(position, NftText.Rule(body), matches, action ?? ContinueAction.Instance)
        {
            Handle = body.TryGetProperty("handle", out var handle) && handle.ValueKind == JsonValueKind.Number ? handle.GetInt64() : null,
            Comment = body.TryGetProperty("comment", out var comment) && comment.ValueKind == JsonValueKind.String ? comment.GetString() : null,
        };
    }

    /// <summary>A statement: a verdict (the rule's action), or a side effect that lets evaluation go on (null).</summary>
    private static RuleAction? ReadStatement(string key, JsonElement value, JsonElement expr, Context context, List<Match> matches)
    {
        switch (key)
        {
            case "accept":
                return AcceptAction.Instance;
            case "drop":
                return DropAction.Instance;
            case "reject":
                return RejectAction.Instance;
            case "return":
                return ReturnAction.Instance;
            case "continue":
                return ContinueAction.Instance;
            case "jump":
                return new JumpAction(Text(value, "target"));
            case "goto":
                return new GotoAction(Text(value, "target"));
            case "vmap":
                return ReadVerdictMap(value, expr, context, matches);
            case "dnat":
                return new DnatAction(
                    value.TryGetProperty("addr", out var addr) && IPAddress.TryParse(addr.GetString(), out var address) ? address : null,
                    value.TryGetProperty("port", out var port) && port.ValueKind == JsonValueKind.Number ? port.GetInt32() : null);
            case "redirect":
                return new RedirectAction(value.ValueKind == JsonValueKind.Object && value.TryGetProperty("port", out var to) && to.ValueKind == JsonValueKind.Number ? to.GetInt32() : null);
            case "snat" or "masquerade":
                return AcceptAction.Instance;
            case "counter" or "log" or "mangle" or "notrack" or "set" or "ct helper" or "ct timeout" or "ct expectation" or "dup":
                return null;
            case "xt" when Text(value, "name") == "comment":
                return null;
            case "xt" when Text(value, "type") == "target":
                return new UnknownAction($"xt target {Text(value, "name")}");
            case "queue" or "synproxy" or "tproxy" or "fwd":
                return new UnknownAction(NftText.Statement(expr));
            default:
                // limit, quota, xt matches, meters: whether they hold depends on traffic or on code netlens does not model
                matches.Add(new UnknownMatch(NftText.Statement(expr)));
                return null;
        }
    }

    private static RuleAction ReadVerdictMap(JsonElement value, JsonElement expr, Context context, List<Match> matches)
    {
        var key = value.GetProperty("key");
        if (KeyField(key, matches) is not { } field)
        {
            return new UnknownAction(NftText.Statement(expr));
        }

        var data = value.GetProperty("data");
        JsonElement elements;
        if (data.ValueKind == JsonValueKind.String && data.GetString()!.StartsWith('@'))
        {
            if (context.Set(data.GetString()![1..]) is not { } map || !map.TryGetProperty("elem", out elements))
            {
                return new UnknownAction(NftText.Statement(expr));
            }
        }
        else if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("set", out var set))
        {
            elements = set;
        }
        else
        {
            return new UnknownAction(NftText.Statement(expr));
        }

        var entries = new List<VerdictMapEntry>();
        foreach (var element in elements.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != 2)
            {
                return new UnknownAction(NftText.Statement(expr));
            }

            var keys = Values(element[0], Kind(field), context);
            var (verdict, verdictValue) = NftText.Single(element[1]);
            var action = verdict is "counter" ? null : ReadStatement(verdict, verdictValue, element[1], context, []);
            if (keys is null || action is null)
            {
                return new UnknownAction(NftText.Statement(expr));
            }

            entries.Add(new VerdictMapEntry(keys, action, $"{NftText.Value(element[0])} : {NftText.Value(element[1])}"));
        }

        return new VerdictMapAction(field, entries);
    }

    /// <summary>The field a vmap looks up, with the dependency its payload implies ("tcp dport" → meta l4proto tcp).</summary>
    private static FieldMatch? KeyField(JsonElement key, List<Match> matches)
    {
        var (kind, value) = NftText.Single(key);
        if (kind == "payload" && Text(value, "field") is "dport" or "sport" && PortDependency(Text(value, "protocol")) is { } dependency)
        {
            matches.Add(dependency);
            return new FieldMatch(Text(value, "field") == "dport" ? PacketField.DestinationPort : PacketField.SourcePort, []);
        }

        if (kind == "payload" && Text(value, "protocol") is "ip" or "ip6" && Text(value, "field") is "saddr" or "daddr")
        {
            var family = Text(value, "protocol") == "ip" ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
            return new FieldMatch(Text(value, "field") == "saddr" ? PacketField.SourceAddress : PacketField.DestinationAddress, [], false, family);
        }

        if (kind == "meta" && Text(value, "key") == "l4proto")
        {
            return new FieldMatch(PacketField.L4Proto, []);
        }

        return null;
    }

    private static FieldMatch? PortDependency(string protocol) => protocol switch
    {
        "th" => Protocols(PortProtocols),
        _ when PortProtocols.Contains(protocol) => Protocols([protocol]),
        _ => null,
    };

    private static FieldMatch Protocols(IEnumerable<string> names) =>
        new(PacketField.L4Proto, [.. names.Select(n => ValueRange.Single((UInt128)ProtocolNumbers.Find(n)!.Value))]);

    private static IEnumerable<Match> ReadMatch(JsonElement match, Context context)
    {
        var op = Text(match, "op");
        var negated = op == "!=";
        var left = match.GetProperty("left");
        var right = match.GetProperty("right");
        var unknown = new UnknownMatch(NftText.Match(match));
        var (kind, value) = NftText.Single(left);
        switch (kind)
        {
            case "payload":
                return ReadPayload(Text(value, "protocol"), Text(value, "field"), op, negated, right, context) ?? [unknown];
            case "meta":
                return ReadMeta(Text(value, "key"), op, negated, right, context) ?? [unknown];
            case "ct" when Text(value, "key") == "state" && Strings(right, context) is { } states:
                return [new ConntrackStateMatch(states.Select(s => s.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal), negated)];
            case "&" when value.GetArrayLength() == 2 && NftText.Single(value[0]) is ("payload", var payload)
                && Text(payload, "protocol") == "tcp" && Text(payload, "field") == "flags"
                && TcpFlags(value[1]) is { } mask && TcpFlags(right) is { } bits:
                return [new TcpFlagsMatch(mask, bits, negated)];
            case "fib" when value.TryGetProperty("flags", out var flags) && Text(value, "result") == "type" && Strings(right, context) is { } types:
                var destination = flags.EnumerateArray().Any(f => f.GetString() == "daddr");
                return [new AddressTypeMatch(destination, types.ToHashSet(StringComparer.Ordinal), negated)];
            default:
                return [unknown];
        }
    }

    private static List<Match>? ReadPayload(string protocol, string field, string op, bool negated, JsonElement right, Context context)
    {
        if (field is "dport" or "sport" && PortDependency(protocol) is { } dependency)
        {
            var ports = Values(right, ValueKind.Number, context, op);
            return ports is null ? null : [dependency, new FieldMatch(field == "dport" ? PacketField.DestinationPort : PacketField.SourcePort, ports, negated)];
        }

        if (protocol is "ip" or "ip6")
        {
            var family = protocol == "ip" ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
            var kind = family == AddressFamily.InterNetwork ? ValueKind.Address4 : ValueKind.Address6;
            if (field is "saddr" or "daddr")
            {
                var addresses = Values(right, kind, context, op);
                return addresses is null ? null : [new FieldMatch(field == "saddr" ? PacketField.SourceAddress : PacketField.DestinationAddress, addresses, negated, family)];
            }

            if (field is "protocol" or "nexthdr")
            {
                var protocols = Values(right, ValueKind.Protocol, context, op);
                return protocols is null ? null : [FamilyIs(family), new FieldMatch(PacketField.L4Proto, protocols, negated)];
            }
        }

        if (protocol == "tcp" && field == "flags" && TcpFlags(right) is { } bits)
        {
            // "tcp flags syn" (op in): any of these bits; "== syn": exactly these
            return op == "in"
                ? [new TcpFlagsMatch(bits, (bits & TcpFlagsMatch.Syn) != 0 ? TcpFlagsMatch.Syn : bits, negated)]
                : [new TcpFlagsMatch(0xff, bits, negated)];
        }

        if (protocol is "icmp" or "icmpv6" && field == "type")
        {
            var types = Values(right, protocol == "icmp" ? ValueKind.IcmpType4 : ValueKind.IcmpType6, context, op);
            return types is null ? null : [Protocols([protocol]), new FieldMatch(PacketField.IcmpType, types, negated)];
        }

        // Any other field of a known layer-4 header ("icmpv6 code", "udp length") depends on that protocol first:
        // a packet of another protocol never matches, whatever the field.
        if (ProtocolNumbers.Find(protocol) is { } number && protocol is not ("ip" or "ip6"))
        {
            return [new FieldMatch(PacketField.L4Proto, [ValueRange.Single((UInt128)number)]), new UnknownMatch($"{protocol} {field}")];
        }

        return null;
    }

    private static List<Match>? ReadMeta(string key, string op, bool negated, JsonElement right, Context context)
    {
        switch (key)
        {
            case "iifname" or "iif" or "oifname" or "oif":
                var names = Strings(right, context);
                return names is null ? null : [new InterfaceMatch(key.StartsWith('o'), names, negated)];
            case "l4proto":
                var protocols = Values(right, ValueKind.Protocol, context, op);
                return protocols is null ? null : [new FieldMatch(PacketField.L4Proto, protocols, negated)];
            case "nfproto" or "protocol":
                var families = Values(right, ValueKind.Family, context, op);
                return families is null ? null : [new FieldMatch(PacketField.NfProto, families, negated)];
            default:
                return null;
        }
    }

    private static FieldMatch FamilyIs(AddressFamily family) =>
        new(PacketField.NfProto, [ValueRange.Single(family == AddressFamily.InterNetwork ? (UInt128)FieldMatch.NfProtoIpv4 : FieldMatch.NfProtoIpv6)]);

    private enum ValueKind
    {
        Number,
        Protocol,
        Family,
        Address4,
        Address6,
        IcmpType4,
        IcmpType6,
    }

    private static ValueKind Kind(FieldMatch field) => field.Field switch
    {
        PacketField.SourceAddress or PacketField.DestinationAddress => field.Family == AddressFamily.InterNetworkV6 ? ValueKind.Address6 : ValueKind.Address4,
        PacketField.L4Proto => ValueKind.Protocol,
        _ => ValueKind.Number,
    };

    /// <summary>The values on a match's right side: a number, a name, a set (anonymous or @named), ranges, prefixes; null when one cannot be read.</summary>
    private static List<ValueRange>? Values(JsonElement right, ValueKind kind, Context context, string op = "==")
    {
        var values = new List<ValueRange>();
        if (!Collect(right, kind, context, values, 0))
        {
            return null;
        }

        if (op is "<" or ">" or "<=" or ">=" && values.Count == 1)
        {
            var v = values[0].Low;
            var max = kind == ValueKind.Address6 ? UInt128.MaxValue : kind == ValueKind.Address4 ? uint.MaxValue : ushort.MaxValue;
            return op switch
            {
                "<" => v == 0 ? [] : [new ValueRange(0, v - 1)],
                "<=" => [new ValueRange(0, v)],
                ">" => v >= max ? [] : [new ValueRange(v + 1, max)],
                _ => [new ValueRange(v, max)],
            };
        }

        return op is "==" or "!=" or "in" ? values : null;
    }

    private static bool Collect(JsonElement value, ValueKind kind, Context context, List<ValueRange> into, int depth)
    {
        if (depth > 8)
        {
            return false;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetUInt64(out var number):
                into.Add(ValueRange.Single(number));
                return true;
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (text.StartsWith('@'))
                {
                    return context.Set(text[1..]) is { } set && (!set.TryGetProperty("elem", out var elements) || Collect(elements, kind, context, into, depth + 1));
                }

                if (Scalar(text, kind) is not { } scalar)
                {
                    return false;
                }

                into.Add(scalar);
                return true;
            case JsonValueKind.Array:
                return value.EnumerateArray().All(v => Collect(v, kind, context, into, depth + 1));
            case JsonValueKind.Object:
                var (key, inner) = NftText.Single(value);
                switch (key)
                {
                    case "set":
                        return Collect(inner, kind, context, into, depth + 1);
                    case "elem":
                        return inner.TryGetProperty("val", out var val) && Collect(val, kind, context, into, depth + 1);
                    case "prefix" when kind is ValueKind.Address4 or ValueKind.Address6
                        && IPAddress.TryParse(Text(inner, "addr"), out var address) && inner.TryGetProperty("len", out var len) && len.TryGetInt32(out var length)
                        && length >= 0 && length <= (kind == ValueKind.Address4 ? 32 : 128):
                        into.Add(ValueRange.Prefix(address, length));
                        return true;
                    case "range" when inner.ValueKind == JsonValueKind.Array && inner.GetArrayLength() == 2:
                        var ends = new List<ValueRange>();
                        if (!Collect(inner[0], kind, context, ends, depth + 1) || !Collect(inner[1], kind, context, ends, depth + 1) || ends.Count != 2)
                        {
                            return false;
                        }

                        into.Add(new ValueRange(ends[0].Low, ends[1].High));
                        return true;
                    default:
                        return false;
                }

            default:
                return false;
        }
    }

    private static ValueRange? Scalar(string text, ValueKind kind)
    {
        switch (kind)
        {
            case ValueKind.Number:
                return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? ValueRange.Single(n) : null;
            case ValueKind.Protocol:
                return ProtocolNumbers.Find(text) is { } p ? ValueRange.Single((UInt128)p) : null;
            case ValueKind.IcmpType4 or ValueKind.IcmpType6:
                return IcmpTypes.Find(text, kind == ValueKind.IcmpType6) is { } t ? ValueRange.Single((UInt128)t) : null;
            case ValueKind.Family:
                return text switch
                {
                    "ipv4" or "ip" => ValueRange.Single(FieldMatch.NfProtoIpv4),
                    "ipv6" or "ip6" => ValueRange.Single(FieldMatch.NfProtoIpv6),
                    _ => null,
                };
            default:
                var family = kind == ValueKind.Address4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
                return IPAddress.TryParse(text, out var address) && address.AddressFamily == family ? ValueRange.Prefix(address, family == AddressFamily.InterNetwork ? 32 : 128) : null;
        }
    }

    /// <summary>The strings on a right side (device names, ct states, address types), sets included.</summary>
    private static List<string>? Strings(JsonElement value, Context context)
    {
        var list = new List<string>();
        return CollectStrings(value, context, list, 0) ? list : null;
    }

    private static bool CollectStrings(JsonElement value, Context context, List<string> into, int depth)
    {
        if (depth > 8)
        {
            return false;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String when value.GetString()!.StartsWith('@'):
                return context.Set(value.GetString()![1..]) is { } set && (!set.TryGetProperty("elem", out var elements) || CollectStrings(elements, context, into, depth + 1));
            case JsonValueKind.String:
                into.Add(value.GetString()!);
                return true;
            case JsonValueKind.Array:
                return value.EnumerateArray().All(v => CollectStrings(v, context, into, depth + 1));
            case JsonValueKind.Object when NftText.Single(value) is ("set", var inner):
                return CollectStrings(inner, context, into, depth + 1);
            case JsonValueKind.Object when NftText.Single(value) is ("elem", var elem) && elem.TryGetProperty("val", out var val):
                return CollectStrings(val, context, into, depth + 1);
            default:
                return false;
        }
    }

    private static int? TcpFlags(JsonElement value)
    {
        var names = new List<string>();
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.GetInt32();
        }

        if (!CollectStrings(value, new Context(string.Empty, string.Empty, []), names, 0))
        {
            return null;
        }

        var bits = 0;
        foreach (var name in names)
        {
            var bit = name switch
            {
                "fin" => TcpFlagsMatch.Fin,
                "syn" => TcpFlagsMatch.Syn,
                "rst" => TcpFlagsMatch.Rst,
                "psh" => 0x08,
                "ack" => TcpFlagsMatch.Ack,
                "urg" => 0x20,
                "ecn" => 0x40,
                "cwr" => 0x80,
                _ => -1,
            };
            if (bit < 0)
            {
                return null;
            }

            bits |= bit;
        }

        return bits;
    }

    private static string Key(string family, string table, string name) => $"{family}\0{table}\0{name}";

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : string.Empty;
}
