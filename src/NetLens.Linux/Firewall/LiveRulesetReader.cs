using System.Net.Sockets;
using NetLens.Core;
using NetLens.Core.Firewall.Planning;
using NetLens.Core.Firewall.Rulesets;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Firewall;

/// <summary>
/// Reads every ruleset the kernel evaluates, once, for `port check` and for `port open/close` alike: the native nftables
/// tables (`nft -j list ruleset`), the tables iptables-nft owns (read back as iptables-save text — they are nf_tables
/// tables too, but only iptables may edit them — and left out of nft's listing so they count once) and iptables-legacy's
/// (x_tables, which nft cannot see). A save tool runs only where its tables exist, so a host with one firewall pays
/// for one or two programs, not five. Nothing is changed.
/// </summary>
public static class LiveRulesetReader
{
    private static readonly (string Family, AddressFamily AddressFamily)[] Families = [("ip", AddressFamily.InterNetwork), ("ip6", AddressFamily.InterNetworkV6)];

    /// <summary>The tables iptables knows; iptables-nft keeps each as an nf_tables table of the same name.</summary>
    private static readonly string[] XtablesTables = ["filter", "nat", "mangle", "raw", "security"];

    /// <summary>What was read and with which tools (for --verbose and JSON).</summary>
    public sealed record LiveRuleset(FirewallRuleset Ruleset, IReadOnlyList<string> Tools);

    public static LiveRuleset Read(FirewallTool tool)
    {
        var parts = new List<FirewallRuleset>();
        var tools = new List<string>();
        var nftJson = FirewallTool.Exists("nft") ? Listing(tool, "nft", ["-j", "list", "ruleset"]) : null;
        var nftTables = nftJson is null ? null : Live("nft -j list ruleset", () => NftJsonParser.TableNames(nftJson));
        var legacyTables = LegacyFilterTables(tool.Netns);
        var iptablesNftTables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (family, addressFamily) in Families)
        {
            // iptables-nft's tables are nf_tables tables: nft's listing shows whether there is one to read
            var nftSave = IptablesTools.Save(FirewallBackend.IptablesNft, family);
            if (FirewallTool.Exists(nftSave) && (nftTables is null || XtablesTables.Any(t => nftTables.Contains($"{family} {t}"))))
            {
                var saved = Listing(tool, nftSave, []);
                parts.Add(Live(nftSave, () => IptablesSaveParser.Parse(saved, addressFamily, FirewallBackend.IptablesNft.Word())));
                tools.Add(nftSave);
                foreach (var table in saved.Split('\n').Where(l => l.StartsWith('*')))
                {
                    iptablesNftTables.Add($"{family} {table[1..].Trim()}");
                }
            }

            var legacySave = IptablesTools.Save(FirewallBackend.IptablesLegacy, family);
            if (legacyTables[family] && FirewallTool.Exists(legacySave))
            {
                var saved = Listing(tool, legacySave, []);
                parts.Add(Live(legacySave, () => IptablesSaveParser.Parse(saved, addressFamily, FirewallBackend.IptablesLegacy.Word())));
                tools.Add(legacySave);
            }
        }

        if (nftJson is not null)
        {
            tools.Insert(0, "nft -j list ruleset");
            parts.Insert(0, Live("nft -j list ruleset", () => NftJsonParser.Parse(nftJson, iptablesNftTables)));
        }
        else if (!FirewallTool.Exists(IptablesTools.Save(FirewallBackend.IptablesNft, "ip")) && !FirewallTool.Exists(IptablesTools.Save(FirewallBackend.IptablesLegacy, "ip")))
        {
            throw new IOException("neither nft nor iptables-save is installed: there is no ruleset to read (or give --ruleset FILE)");
        }

        return new LiveRuleset(FirewallRuleset.Combine(parts), tools);
    }

    /// <summary>The same reading, as `port open/close` plans against it.</summary>
    public static FirewallFacts ReadFacts(FirewallTool tool) => new(Read(tool).Ruleset);

    /// <summary>A saved ruleset: `nft -j list ruleset` output, or iptables-save / ip6tables-save text.</summary>
    public static FirewallRuleset ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"ruleset file '{path}' not found");
        }

        return SavedRulesetParser.Parse(text);
    }

    /// <summary>A listing tool's stdout; a refusal for want of privilege is <see cref="MissingPrivilegeException"/> with what reading needs.</summary>
    private static string Listing(FirewallTool tool, string program, IReadOnlyList<string> arguments)
    {
        var result = tool.Run(program, arguments);
        if (result.Succeeded)
        {
            return result.Stdout;
        }

        if (result.Stderr.Contains("Operation not permitted", StringComparison.Ordinal) || result.Stderr.Contains("Permission denied", StringComparison.Ordinal))
        {
            throw new MissingPrivilegeException($"{program} cannot read the ruleset without CAP_NET_ADMIN", "run it with sudo");
        }

        throw FirewallTool.Failure(program, arguments, result);
    }

    /// <summary>
    /// The parsers say "not nft JSON" as a usage error, right for a --ruleset file; a live listing netlens cannot read is
    /// the tool's output, not the user's input (another nft version, a damaged pipe): a failure naming the tool.
    /// </summary>
    private static T Live<T>(string tool, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (UsageException e)
        {
            throw new InvalidDataException($"`{tool}` printed a ruleset netlens cannot read: {e.Message}", e);
        }
    }

    /// <summary>
    /// Whether xtables (legacy) has a filter table in the namespace: /proc/net/ip_tables_names lists the tables the
    /// kernel instantiated there; absent or without "filter" means iptables-legacy filters nothing.
    /// </summary>
    private static Dictionary<string, bool> LegacyFilterTables(string? netns)
    {
        // thread-self: /proc/net follows the thread's namespace, and only this thread entered the command's
        static Dictionary<string, bool> Read() => new()
        {
            ["ip"] = HasFilter("/proc/thread-self/net/ip_tables_names"),
            ["ip6"] = HasFilter("/proc/thread-self/net/ip6_tables_names"),
        };

        return netns is { } ns ? NetworkContext.For(ns).Run(Read) : Read();
    }

    private static bool HasFilter(string path)
    {
        try
        {
            return File.ReadAllLines(path).Any(l => l.Trim() == "filter");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
