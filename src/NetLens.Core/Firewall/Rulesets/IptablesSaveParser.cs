using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetLens.Core.Firewall.Rulesets;

/// <summary>
/// Reads iptables-save / ip6tables-save text (tables, chain policies, -A rules) into chains. Options netlens does not
/// model become <see cref="UnknownMatch"/>es and unknown targets <see cref="UnknownAction"/>s: never a silent guess.
/// </summary>
public static class IptablesSaveParser
{
    /// <summary>The built-in chains' hooks and priorities (NF_IP_PRI_*), per table.</summary>
    private static readonly Dictionary<(string Table, string Chain), (FirewallHook Hook, int Priority)> BuiltIn = new()
    {
        [("raw", "PREROUTING")] = (FirewallHook.Prerouting, -300),
        [("raw", "OUTPUT")] = (FirewallHook.Output, -300),
        [("mangle", "PREROUTING")] = (FirewallHook.Prerouting, -150),
        [("mangle", "INPUT")] = (FirewallHook.Input, -150),
        [("mangle", "FORWARD")] = (FirewallHook.Forward, -150),
        [("mangle", "OUTPUT")] = (FirewallHook.Output, -150),
        [("mangle", "POSTROUTING")] = (FirewallHook.Postrouting, -150),
        [("nat", "PREROUTING")] = (FirewallHook.Prerouting, -100),
        [("nat", "INPUT")] = (FirewallHook.Input, 100),
        [("nat", "OUTPUT")] = (FirewallHook.Output, -100),
        [("nat", "POSTROUTING")] = (FirewallHook.Postrouting, 100),
        [("filter", "INPUT")] = (FirewallHook.Input, 0),
        [("filter", "FORWARD")] = (FirewallHook.Forward, 0),
        [("filter", "OUTPUT")] = (FirewallHook.Output, 0),
        [("security", "INPUT")] = (FirewallHook.Input, 50),
        [("security", "FORWARD")] = (FirewallHook.Forward, 50),
        [("security", "OUTPUT")] = (FirewallHook.Output, 50),
    };

    /// <summary>Targets that only log, mark or count: evaluation goes on.</summary>
    private static readonly HashSet<string> NonTerminal = new(StringComparer.Ordinal)
    {
        "LOG", "NFLOG", "ULOG", "MARK", "CONNMARK", "TRACE", "CT", "NOTRACK", "TCPMSS", "CLASSIFY", "AUDIT", "SET", "DSCP", "TOS", "TTL", "HL", "CONNSECMARK", "SECMARK",
    };

    /// <summary>Matches whose options netlens reads; any other -m makes the rule's match unknown.</summary>
    private static readonly HashSet<string> KnownModules = new(StringComparer.Ordinal)
    {
        "tcp", "udp", "udplite", "sctp", "dccp", "multiport", "conntrack", "state", "comment", "addrtype", "iprange", "icmp", "icmp6",
    };

    /// <summary>Parses one save file. <paramref name="family"/> is InterNetwork for iptables-save, InterNetworkV6 for ip6tables-save.</summary>
    public static FirewallRuleset Parse(string text, AddressFamily family, string source)
    {
        var familyName = family == AddressFamily.InterNetworkV6 ? "ip6" : "ip";
        var chains = new List<FirewallChain>();
        var rules = new Dictionary<(string, string), List<FirewallRule>>();
        var declared = new HashSet<(string, string)>();
        string? table = null;
        var lineNumber = 0;
        var pending = new List<(string Table, string Chain, int Line, IReadOnlyList<string> Words, string Text)>();
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('*'))
            {
                table = line[1..].Trim();
                continue;
            }

            if (line == "COMMIT")
            {
                table = null;
                continue;
            }

            if (table is null)
            {
                throw Bad(lineNumber, "a rule or chain outside a *table … COMMIT block");
            }

            if (line.StartsWith(':'))
            {
                var parts = line[1..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 2)
                {
                    throw Bad(lineNumber, $"chain line '{line}' needs a name and a policy");
                }

                var name = parts[0];
                var builtIn = BuiltIn.TryGetValue((table, name), out var hook);
                var declaredChain = new FirewallChain
                {
                    Source = source,
                    Family = familyName,
                    Table = table,
                    Name = name,
                    Hook = builtIn ? hook.Hook : null,
                    Priority = builtIn ? hook.Priority : 0,
                    Type = table == "nat" ? "nat" : "filter",
                    PolicyAccepts = builtIn ? parts[1] != "DROP" : null,
                };

                // a chain declared twice (iptables-save never does so) keeps its first place and the last policy, as iptables-restore sets it
                if (declared.Contains((table, name)))
                {
                    chains[chains.FindIndex(c => c.Table == table && c.Name == name)] = declaredChain;
                }
                else
                {
                    chains.Add(declaredChain);
                }

                declared.Add((table, name));
                continue;
            }

            var words = IptablesWords.Split(line, out var openQuote);
            if (openQuote)
            {
                throw Bad(lineNumber, "unterminated quote");
            }

            if (words.Count < 2 || words[0] is not ("-A" or "--append"))
            {
                throw Bad(lineNumber, $"expected -A CHAIN …, got '{line}'");
            }

            pending.Add((table, words[1], lineNumber, words, line));
        }

        if (table is not null)
        {
            throw Bad(lineNumber, $"table {table} has no COMMIT");
        }

        foreach (var (ruleTable, chain, line, words, ruleText) in pending)
        {
            if (!declared.Contains((ruleTable, chain)))
            {
                throw Bad(line, $"rule for chain {chain}, which table {ruleTable} does not declare");
            }

            if (!rules.TryGetValue((ruleTable, chain), out var list))
            {
                rules[(ruleTable, chain)] = list = [];
            }

            list.Add(ReadRule(words, list.Count + 1, ruleText, family, name => declared.Contains((ruleTable, name)), line));
        }

        return new FirewallRuleset([.. chains.Select(c => c with { Rules = rules.GetValueOrDefault((c.Table, c.Name)) ?? [] })]);
    }

    private static FirewallRule ReadRule(IReadOnlyList<string> words, int position, string text, AddressFamily family, Func<string, bool> isChain, int line)
    {
        var matches = new List<Match>();
        RuleAction action = ContinueAction.Instance;
        string? module = null;
        string? comment = null;
        var negate = false;
        for (var i = 2; i < words.Count; i++)
        {
            var word = words[i];
            if (word == "!")
            {
                negate = true;
                continue;
            }

            string Next() => i + 1 < words.Count ? words[++i] : throw Bad(line, $"{word} needs a value");
            switch (word)
            {
                case "-p" or "--protocol":
                    var protocol = Next();
                    if (protocol != "all")
                    {
                        matches.Add(ProtocolNumbers.Find(protocol) is { } number
                            ? new FieldMatch(PacketField.L4Proto, [ValueRange.Single((UInt128)number)], negate)
                            : new UnknownMatch($"-p {protocol}"));
                    }

                    break;
                case "-s" or "--source" or "-d" or "--destination":
                    var field = word is "-s" or "--source" ? PacketField.SourceAddress : PacketField.DestinationAddress;
                    matches.Add(new FieldMatch(field, Addresses(Next(), family, line), negate, family));
                    break;
                case "-i" or "--in-interface" or "-o" or "--out-interface":
                    matches.Add(new InterfaceMatch(word is "-o" or "--out-interface", [Next()], negate));
                    break;
                case "-m" or "--match":
                    module = Next();
                    break;
                case "-j" or "--jump":
                    action = Target(Next(), words, ref i, isChain, family, line);
                    break;
                case "-g" or "--goto":
                    action = new GotoAction(Next());
                    break;
                case "-f" or "--fragment":
                    // matches second and later fragments only; the first packet of a connection is not one
                    matches.Add(new FieldMatch(PacketField.L4Proto, [], negate));
                    break;
                case "--dport" or "--destination-port" or "--sport" or "--source-port" when module is null or "tcp" or "udp" or "udplite" or "sctp" or "dccp":
                    var ports = Ports(Next(), line);
                    matches.Add(new FieldMatch(word is "--dport" or "--destination-port" ? PacketField.DestinationPort : PacketField.SourcePort, ports, negate));
                    break;
                case "--dports" or "--destination-ports" or "--sports" or "--source-ports" when module == "multiport":
                    matches.Add(new FieldMatch(word.StartsWith("--d", StringComparison.Ordinal) ? PacketField.DestinationPort : PacketField.SourcePort, Ports(Next(), line), negate));
                    break;
                case "--syn" when module is null or "tcp":
                    matches.Add(new TcpFlagsMatch(TcpFlagsMatch.Syn | TcpFlagsMatch.Rst | TcpFlagsMatch.Ack | TcpFlagsMatch.Fin, TcpFlagsMatch.Syn, negate));
                    break;
                case "--tcp-flags" when module is null or "tcp":
                    var mask = Flags(Next(), line);
                    matches.Add(new TcpFlagsMatch(mask, Flags(Next(), line), negate));
                    break;
                case "--icmp-type" or "--icmpv6-type" when module is null or "icmp" or "icmp6":
                    matches.AddRange(Icmp(word == "--icmpv6-type", Next(), negate, line));
                    break;
                case "--ctstate" or "--state" when module is "conntrack" or "state":
                    matches.Add(new ConntrackStateMatch(Next().ToLowerInvariant().Split(',').ToHashSet(StringComparer.Ordinal), negate));
                    break;
                case "--comment" when module == "comment":
                    comment = Next();
                    break;
                case "--dst-type" or "--src-type" when module == "addrtype":
                    matches.Add(new AddressTypeMatch(word == "--dst-type", Next().ToLowerInvariant().Split(',').ToHashSet(StringComparer.Ordinal), negate));
                    break;
                case "--src-range" or "--dst-range" when module == "iprange":
                    var range = Next().Split('-');
                    if (range.Length != 2 || !IPAddress.TryParse(range[0], out var low) || !IPAddress.TryParse(range[1], out var high))
                    {
                        throw Bad(line, $"{word} {string.Join('-', range)} is not an address range");
                    }

                    matches.Add(new FieldMatch(word == "--src-range" ? PacketField.SourceAddress : PacketField.DestinationAddress, [ValueRange.Addresses(low, high)], negate, family));
                    break;
                default:
                    if (!word.StartsWith('-'))
                    {
                        throw Bad(line, $"unexpected '{word}'");
                    }

                    // An option of a module netlens does not read: keep its words together so the answer can quote it.
                    var quoted = new StringBuilder(negate ? "! " : string.Empty).Append(module is null || KnownModules.Contains(module) ? word : $"-m {module} {word}");
                    while (i + 1 < words.Count && !words[i + 1].StartsWith('-') && words[i + 1] != "!")
                    {
                        quoted.Append(' ').Append(words[++i]);
                    }

                    matches.Add(new UnknownMatch(quoted.ToString()));
                    break;
            }

            negate = false;
        }

        return new FirewallRule(position, text, matches, action) { Comment = comment };
    }

    /// <summary>"--icmp-type 8", "echo-request", "3/4" (type/code): the type, and the protocol it belongs to; a code other than 0 is not modelled.</summary>
    private static IEnumerable<Match> Icmp(bool v6, string value, bool negate, int line)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var typeText = slash < 0 ? value : value[..slash];
        var type = IcmpTypes.Find(typeText, v6) ?? throw Bad(line, $"'{value}' is not an ICMP type");
        var protocol = new FieldMatch(PacketField.L4Proto, [ValueRange.Single((UInt128)(v6 ? 58 : 1))]);
        if (slash >= 0 && value[(slash + 1)..] != "0")
        {
            // the type still rules other types out; the code (never asked about) leaves the rest unknown
            var code = new UnknownMatch($"--icmp{(v6 ? "v6" : string.Empty)}-type {value}");
            return negate ? [protocol, code] : [protocol, new FieldMatch(PacketField.IcmpType, [ValueRange.Single((UInt128)type)]), code];
        }

        return [protocol, new FieldMatch(PacketField.IcmpType, [ValueRange.Single((UInt128)type)], negate)];
    }

    private static RuleAction Target(string target, IReadOnlyList<string> words, ref int i, Func<string, bool> isChain, AddressFamily family, int line)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        while (i + 1 < words.Count && words[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            var name = words[++i];
            options[name] = i + 1 < words.Count && !words[i + 1].StartsWith("--", StringComparison.Ordinal) ? words[++i] : string.Empty;
        }

        switch (target)
        {
            case "ACCEPT" or "SNAT" or "MASQUERADE":
                return AcceptAction.Instance;
            case "DROP":
                return DropAction.Instance;
            case "REJECT":
                return RejectAction.Instance;
            case "RETURN":
                return ReturnAction.Instance;
            case "DNAT" when options.TryGetValue("--to-destination", out var to):
                return Dnat(to, family, line);
            case "REDIRECT":
                return new RedirectAction(options.TryGetValue("--to-ports", out var port) ? (int)Ports(port, line)[0].Low : null);
            case var _ when NonTerminal.Contains(target):
                return ContinueAction.Instance;
            case var _ when isChain(target):
                return new JumpAction(target);
            default:
                return new UnknownAction(string.Join(' ', new[] { "-j", target }.Concat(options.Select(o => $"{o.Key} {o.Value}".TrimEnd()))));
        }
    }

    /// <summary>"198.19.0.2:80", "[2001:db8::2]:80", "198.19.0.2", ":8080", with ranges ("a-b:p-q") taken at their first value.</summary>
    private static DnatAction Dnat(string to, AddressFamily family, int line)
    {
        string host = to, port = string.Empty;
        if (to.StartsWith('['))
        {
            var close = to.IndexOf(']', StringComparison.Ordinal);
            host = close > 0 ? to[1..close] : to;
            port = close > 0 && close + 1 < to.Length && to[close + 1] == ':' ? to[(close + 2)..] : string.Empty;
        }
        else if (family == AddressFamily.InterNetwork && to.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
        {
            host = to[..colon];
            port = to[(colon + 1)..];
        }

        host = host.Split('-')[0];
        IPAddress? address = null;
        if (host.Length > 0 && !IPAddress.TryParse(host, out address))
        {
            throw Bad(line, $"--to-destination {to} is not an address");
        }

        int? portNumber = port.Length == 0 ? null : (int)Ports(port, line)[0].Low;
        return new DnatAction(address, portNumber);
    }

    /// <summary>"22", "1000:2000", "53,100:200" (multiport), service names refused: iptables-save writes numbers.</summary>
    private static List<ValueRange> Ports(string text, int line)
    {
        var list = new List<ValueRange>();
        foreach (var item in text.Split(','))
        {
            var bounds = item.Split(':');
            if (bounds.Length > 2 || !ushort.TryParse(bounds[0].Length == 0 ? "0" : bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low)
                || !ushort.TryParse(bounds.Length == 1 ? bounds[0] : bounds[1].Length == 0 ? "65535" : bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out var high))
            {
                throw Bad(line, $"'{text}' is not a port list");
            }

            list.Add(new ValueRange(low, high));
        }

        return list;
    }

    /// <summary>"198.18.0.0/24", "198.18.0.0/255.255.255.0", "2001:db8::/64", comma lists as iptables-save may write.</summary>
    private static List<ValueRange> Addresses(string text, AddressFamily family, int line)
    {
        var list = new List<ValueRange>();
        foreach (var item in text.Split(','))
        {
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            var addressText = slash < 0 ? item : item[..slash];
            var width = family == AddressFamily.InterNetworkV6 ? 128 : 32;
            if (!IPAddress.TryParse(addressText, out var address) || address.AddressFamily != family)
            {
                throw Bad(line, $"'{item}' is not an {(family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4")} address");
            }

            var length = width;
            if (slash >= 0)
            {
                var maskText = item[(slash + 1)..];
                if (int.TryParse(maskText, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) && bits <= width)
                {
                    length = bits;
                }
                else if (IPAddress.TryParse(maskText, out var mask) && mask.AddressFamily == family && ContiguousLength(mask) is { } contiguous)
                {
                    length = contiguous;
                }
                else
                {
                    throw Bad(line, $"'{item}' has a mask netlens cannot read");
                }
            }

            list.Add(ValueRange.Prefix(address, length));
        }

        return list;
    }

    private static int? ContiguousLength(IPAddress mask)
    {
        var bytes = mask.GetAddressBytes();
        var length = 0;
        var ended = false;
        foreach (var b in bytes)
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                var set = (b >> bit & 1) == 1;
                if (set && ended)
                {
                    return null;
                }

                ended |= !set;
                length += set ? 1 : 0;
            }
        }

        return length;
    }

    private static int Flags(string text, int line)
    {
        var bits = 0;
        foreach (var name in text.Split(','))
        {
            bits |= name.ToUpperInvariant() switch
            {
                "FIN" => TcpFlagsMatch.Fin,
                "SYN" => TcpFlagsMatch.Syn,
                "RST" => TcpFlagsMatch.Rst,
                "PSH" => 0x08,
                "ACK" => TcpFlagsMatch.Ack,
                "URG" => 0x20,
                "ALL" => 0x3f,
                "NONE" => 0,
                _ => throw Bad(line, $"unknown TCP flag '{name}'"),
            };
        }

        return bits;
    }

    /// <summary>Splits like iptables-save quotes: "a b" is one word, \" an escaped quote.</summary>
    private static UsageException Bad(int line, string what) => new($"iptables-save text, line {line}: {what}");
}
