using System.Text;
using NetLens.Cli.Output.Completion;

namespace NetLens.Cli.Output.Manual;

/// <summary>
/// The manual, written from the command tree: netlens(1) with every command, and a page per command (netlens-route-get(1))
/// with its synopsis, description, subcommands, every option with its help, the README's examples of it, and exit codes.
/// </summary>
public static class ManPageWriter
{
    private const string Section = "1";

    public static IReadOnlyList<ManPage> Write(IReadOnlyList<CommandNode> tree, ManReadme readme, string version, DateOnly date) =>
        [.. tree.Select(node => new ManPage($"{PageName(node)}.{Section}", Page(node, tree, readme, version, date)))];

    public static string PageName(CommandNode node) => node.Path.Length == 0 ? "netlens" : $"netlens-{node.Path.Replace(' ', '-')}";

    private static string Page(CommandNode node, IReadOnlyList<CommandNode> tree, ManReadme readme, string version, DateOnly date)
    {
        var page = new StringBuilder();
        var name = PageName(node);
        page.Append($".TH {Roff.Escape(name.ToUpperInvariant())} {Section} \"{date:yyyy-MM-dd}\" \"netlens {Roff.Escape(version)}\" \"netlens manual\"\n");
        page.Append(".SH NAME\n");
        page.Append($"{Roff.Escape(name)} \\- {Roff.Escape(OneLine(node.Command.Description))}\n");
        page.Append(".SH SYNOPSIS\n");
        page.Append($".B netlens{(node.Path.Length == 0 ? string.Empty : " " + Roff.Escape(node.Path))}\n");
        page.Append($"{Synopsis(node)}\n");

        page.Append(".SH DESCRIPTION\n");
        page.Append($"{Roff.Line(OneLine(node.Command.Description))}.\n");
        foreach (var paragraph in readme.Prose.GetValueOrDefault(node.Path) ?? [])
        {
            page.Append(paragraph.StartsWith("- ", StringComparison.Ordinal)
                ? $".IP \\(bu 2\n{Roff.Prose(paragraph[2..])}\n"
                : $".PP\n{Roff.Prose(paragraph)}\n");
        }
        if (node.Path.Length == 0)
        {
            page.Append(".PP\nEach command has a page of its own: ");
            page.Append(string.Join(", ", tree.Skip(1).Select(n => $"\\fB{Roff.Escape(PageName(n))}\\fR(1)")));
            page.Append(".\n");
        }

        var subcommands = node.Command.Subcommands.Where(c => !c.Hidden).ToList();
        if (subcommands.Count > 0)
        {
            page.Append(".SH COMMANDS\n");
            foreach (var sub in subcommands)
            {
                page.Append($".TP\n.B {Roff.Escape(sub.Name)}\n{Roff.Line(OneLine(sub.Description))}\n");
            }
        }

        if (node.Options.Count > 0)
        {
            page.Append(".SH OPTIONS\n");
            foreach (var option in node.Options)
            {
                page.Append($".TP\n{OptionTerm(option)}\n{Roff.Line(OneLine(option.Description))}\n");
                if (option.Value == CompletionValue.Choice)
                {
                    page.Append($"One of: {Roff.Escape(string.Join(", ", option.Choices))}.\n");
                }
            }
        }

        if (readme.Examples.TryGetValue(node.Path, out var shown) && shown.Count > 0)
        {
            page.Append(".SH EXAMPLES\n");
            foreach (var example in shown)
            {
                page.Append($".PP\n.nf\n.RS\n\\fB$ {Roff.Escape(example.CommandLine)}\\fR\n");
                foreach (var line in example.Output)
                {
                    page.Append($"{Roff.Line(line)}\n");
                }

                page.Append(".RE\n.fi\n");
            }
        }

        page.Append("""
            .SH EXIT STATUS
            .TP
            .B 0
            Done (for a yes/no question: yes).
            .TP
            .B 1
            The operation failed, or the answer is no; the command's help says which.
            .TP
            .B 2
            Bad usage or bad input; nothing was changed.
            .TP
            .B 3
            A privilege is missing; the message gives the exact fix.
            .TP
            .B 130, 143
            Interrupted (SIGINT, SIGTERM); what was gathered so far is printed.
            .SH SEE ALSO

            """);
        page.Append(SeeAlso(node, tree));
        page.Append('\n');
        return page.ToString();
    }

    private static string Synopsis(CommandNode node)
    {
        var parts = new List<string>();
        if (node.Options.Count > 0)
        {
            parts.Add("[\\fIOPTIONS\\fR]");
        }

        if (node.Command.Subcommands.Any(c => !c.Hidden))
        {
            parts.Add("\\fICOMMAND\\fR");
        }

        foreach (var argument in node.Command.Arguments.Where(a => !a.Hidden))
        {
            var word = $"\\fI{Roff.Escape(argument.Name.ToUpperInvariant())}\\fR";
            parts.Add(argument.Arity.MinimumNumberOfValues == 0 ? $"[{word}]" : word);
        }

        return string.Join(' ', parts);
    }

    private static string OptionTerm(OptionNode option)
    {
        var names = string.Join(", ", option.Names.Select(n => $"\\fB{Roff.Escape(n)}\\fR"));
        if (option.Value == CompletionValue.None)
        {
            return names;
        }

        var value = option.Option.HelpName ?? (option.Value == CompletionValue.Choice ? string.Join('|', option.Choices) : "VALUE");
        return $"{names} \\fI{Roff.Escape(value)}\\fR";
    }

    private static string SeeAlso(CommandNode node, IReadOnlyList<CommandNode> tree)
    {
        var related = tree.Where(n => n != node && (n.Path.Length == 0 || IsFamily(n.Path, node.Path)))
            .Select(n => $"\\fB{Roff.Escape(PageName(n))}\\fR(1)")
            .Concat(ClassicPages(node.Path).Select(p => $"\\fB{p[..p.IndexOf('(')]}\\fR{p[p.IndexOf('(')..]}"));
        return string.Join(",\n", related);
    }

    private static bool IsFamily(string a, string b) => a.Length > 0 && b.Length > 0 && a.Split(' ')[0] == b.Split(' ')[0];

    // the classic tool each command answers for
    private static IEnumerable<string> ClassicPages(string path) => path.Split(' ')[0] switch
    {
        "route" or "routes" => ["ip-route(8)", "ip-rule(8)", "route(8)"],
        "trace" => ["mtr(8)", "traceroute(8)"],
        "scan" => ["nmap(1)"],
        "sockets" => ["ss(8)"],
        "port" => ["iptables(8)", "nft(8)", "services(5)"],
        "" => ["ip(8)", "mtr(8)", "nmap(1)", "ss(8)", "iptables(8)"],
        _ => [],
    };

    private static string OneLine(string? text) => CommandNode.OneLine(text).TrimEnd('.');
}
