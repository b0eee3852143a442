using NetLens.Core.Firewall.Planning;

namespace NetLens.Core.Firewall.Facts;

/// <summary>
/// Reads the filter table of iptables-save / ip6tables-save output: chains, policies, which can reach DROP or REJECT,
/// and each rule's comment and saved line (the line, with -A turned into -D, deletes exactly that rule).
/// </summary>
public static class IptablesSaveParser
{
    /// <summary><paramref name="family"/>: "ip" for iptables-save, "ip6" for ip6tables-save. A rule line without a chain is an <see cref="InvalidDataException"/>.</summary>
    public static IReadOnlyList<FirewallChain> Parse(string text, FirewallBackend backend, string family)
    {
        var policies = new Dictionary<string, bool>(StringComparer.Ordinal);
        var order = new List<string>();
        var rules = new Dictionary<string, List<(string Line, string? Comment, bool Drops, string? Target)>>(StringComparer.Ordinal);
        var inFilter = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith('*'))
            {
                inFilter = line == "*filter";
            }
            else if (!inFilter)
            {
                continue;
            }
            else if (line.StartsWith(':'))
            {
                var words = line[1..].Split(' ');
                // A chain declared twice (iptables-save never does so) keeps its first place and the last policy.
                if (!policies.ContainsKey(words[0]))
                {
                    order.Add(words[0]);
                }

                policies[words[0]] = words.Length > 1 && words[1] == "DROP";
                rules.TryAdd(words[0], []);
            }
            else if (line.StartsWith("-A ", StringComparison.Ordinal))
            {
                var words = IptablesWords.Split(line);
                if (words.Count < 2)
                {
                    throw new InvalidDataException($"iptables-save printed a rule without a chain: {line}");
                }

                var chain = words[1];
                var target = ValueOf(words, "-j") ?? ValueOf(words, "-g");
                var drops = target is "DROP" or "REJECT";
                (rules.TryGetValue(chain, out var list) ? list : rules[chain] = []).Add((line, ValueOf(words, "--comment"), drops, drops ? null : target));
            }
        }

        var graph = order.ToDictionary(
            c => c,
            c => (policies[c] || rules[c].Any(r => r.Drops), (IReadOnlyList<string>)[.. rules[c].Select(r => r.Target).OfType<string>()]),
            StringComparer.Ordinal);
        var capable = ChainReachability.DropCapable(graph);
        return [.. order.Select(c => new FirewallChain(
            backend,
            family,
            "filter",
            c,
            c switch { "INPUT" => FirewallHook.Input, "OUTPUT" => FirewallHook.Output, _ => null },
            capable.Contains(c),
            [.. rules[c].Select(r => new ChainRule(r.Comment, r.Line))]))];
    }

    private static string? ValueOf(IReadOnlyList<string> words, string option)
    {
        var index = words.ToList().IndexOf(option);
        return index >= 0 && index + 1 < words.Count ? words[index + 1] : null;
    }
}
