namespace NetLens.Cli.Parsing;

/// <summary>
/// ip's own spelling of a route question, read as netlens's: `netlens r g ADDR mark 0x10 from 198.18.0.1 iif eth0`,
/// pasted from an `ip route get` line, means `netlens route get ADDR --mark 0x10 --from 198.18.0.1 --iif eth0`.
/// ip's abbreviations where they are unambiguous in netlens: r, ro, rou for route ("rout" is one letter from route and
/// two from routes, so it gets the typo advice instead); g, ge for get; show and list, with ip's short forms, for routes. Anything else is left for the parser, which names what it did not understand.
/// </summary>
public static class IpSpelling
{
    /// <summary>ip route get's keywords and the option each one is; "dsfield" is ip's other name for tos.</summary>
    private static readonly Dictionary<string, string> GetKeywords = new(StringComparer.Ordinal)
    {
        ["from"] = "--from",
        ["iif"] = "--iif",
        ["oif"] = "--oif",
        ["mark"] = "--mark",
        ["uid"] = "--uid",
        ["tos"] = "--tos",
        ["dsfield"] = "--tos",
        ["ipproto"] = "--ipproto",
        ["sport"] = "--sport",
        ["dport"] = "--dport",
    };

    /// <summary>Options before the command that take a value (so the value is not taken for the command).</summary>
    private static readonly HashSet<string> GlobalValueOptions = new(StringComparer.Ordinal) { "--netns" };

    /// <summary>The options of route get that take a value: their values are never read as keywords.</summary>
    private static readonly HashSet<string> GetValueOptions = new(StringComparer.Ordinal)
    {
        "--from", "--iif", "--oif", "--mark", "--uid", "--tos", "--ipproto", "--sport", "--dport", "--batch", "--snapshot", "--netns",
    };

    public static string[] Rewrite(string[] args)
    {
        var command = CommandIndex(args);
        if (command < 0 || !(IsAbbreviation(args[command], "rou", 1) || args[command] == "route") || args[command] == "route" && command + 1 >= args.Length)
        {
            return args;
        }

        var result = new List<string>(args.Length + 4);
        result.AddRange(args[..command]);
        var next = command + 1;
        var verb = next < args.Length ? args[next] : null;
        if (verb is not null && IsListVerb(verb))
        {
            // ip route show / list: the table, which is netlens routes
            result.Add("routes");
            result.AddRange(args[(next + 1)..]);
            return [.. result];
        }

        result.Add("route");
        if (verb is not null && IsAbbreviation(verb, "get", 1))
        {
            result.Add("get");
            next++;
        }

        for (var i = next; i < args.Length; i++)
        {
            var token = args[i];
            if (GetValueOptions.Contains(token) && i + 1 < args.Length)
            {
                result.Add(token);
                result.Add(args[++i]);
            }
            else if (GetKeywords.TryGetValue(token, out var option) && i + 1 < args.Length)
            {
                result.Add(option);
                result.Add(args[++i]);
            }
            else if (token == "to" && i + 1 < args.Length && i == next)
            {
                // ip route get to ADDR: "to" only introduces the address
            }
            else
            {
                result.Add(token);
            }
        }

        return [.. result];
    }

    /// <summary>Where the command word is: after the global options (and --netns's value); -1 when there is none.</summary>
    private static int CommandIndex(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (GlobalValueOptions.Contains(args[i]))
            {
                i++;
            }
            else if (!args[i].StartsWith('-'))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>ip's rule: any leading part of the word, at least <paramref name="least"/> letters long.</summary>
    private static bool IsAbbreviation(string token, string word, int least) =>
        token.Length >= least && token.Length <= word.Length && word.StartsWith(token, StringComparison.Ordinal);

    private static bool IsListVerb(string token) =>
        IsAbbreviation(token, "show", 1) || IsAbbreviation(token, "list", 1) || token == "lst";
}
