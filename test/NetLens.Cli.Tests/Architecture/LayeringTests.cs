using System.CommandLine;
using System.Reflection;
using System.Text.RegularExpressions;
using NetLens.Cli.Hosting;

namespace NetLens.Cli.Tests.Architecture;

/// <summary>
/// Keeps the one direction of flow true (docs/architecture.md): Core references nothing of netlens and does no I/O,
/// Linux only Core, Engines Core and Linux, and the CLI's command handlers bind options, call an engine and write —
/// they never open a socket, speak netlink or start a process themselves.
/// </summary>
public sealed partial class LayeringTests
{
    /// <summary>
    /// Command files that still do their capability's work themselves, waiting for their engine (issue 11). The list may
    /// only shrink: a file that no longer needs its place here fails the test until it is taken off.
    /// </summary>
    private static readonly HashSet<string> NotYetOnAnEngine = [];

    private static readonly string Root = FindRoot();

    [Theory]
    [InlineData("NetLens.Core", new string[0])]
    [InlineData("NetLens.Linux", new[] { "NetLens.Core" })]
    [InlineData("NetLens.Engines", new[] { "NetLens.Core", "NetLens.Linux" })]
    [InlineData("NetLens.Serve", new[] { "NetLens.Core", "NetLens.Linux", "NetLens.Engines" })]
    public void Each_layer_references_only_the_layers_below_it(string assembly, string[] allowed)
    {
        var references = Assembly.Load(assembly).GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("NetLens.", StringComparison.Ordinal))
            .ToList();

        Assert.All(references, r => Assert.Contains(r, allowed));
    }

    [Fact]
    public void Command_handlers_never_touch_sockets_netlink_or_processes()
    {
        var commands = Path.Combine(Root, "src/NetLens.Cli/Commands");
        var offences = SourceFiles("src/NetLens.Cli/Commands")
            .Where(f => !NotYetOnAnEngine.Contains(Relative(commands, f)))
            .SelectMany(f => Offences(f, KernelAccess()))
            .ToList();

        Assert.Empty(offences);
    }

    [Fact]
    public void The_list_of_commands_without_an_engine_only_shrinks()
    {
        var commands = Path.Combine(Root, "src/NetLens.Cli/Commands");
        var stale = NotYetOnAnEngine
            .Where(f => !File.Exists(Path.Combine(commands, f)) || !Offences(Path.Combine(commands, f), KernelAccess()).Any())
            .ToList();

        Assert.Empty(stale);
    }

    /// <summary>
    /// Core's errors name concepts ("the service name otv"), not the options of one front end ("--name otv"): a flag in a
    /// Core error is the CLI's wording leaking down, and `serve` or `doctor` would print a flag nobody typed. The check
    /// takes every long option of netlens's command tree and reads every throw statement of Core (up to the line that
    /// ends it) for a string literal naming one; other programs' options ("--to-destination" in an iptables-save rule)
    /// are words of the input, not netlens's flags.
    /// </summary>
    [Fact]
    public void Core_errors_name_concepts_not_command_line_flags()
    {
        var flags = LongOptions(NetLensApp.BuildRoot(new CliOutput(TextWriter.Null, TextWriter.Null, outputRedirected: true))).ToHashSet();
        Assert.Contains("--name", flags);
        var offences = SourceFiles("src/NetLens.Core")
            .SelectMany(f => ThrowStatement().Matches(File.ReadAllText(f))
                .Where(t => StringLiteral().Matches(t.Value).Any(s => LongFlag().Matches(s.Value).Any(m => flags.Contains(m.Value))))
                .Select(t => $"{Relative(Root, f)}: {t.Value.Trim()}"))
            .ToList();

        Assert.Empty(offences);
    }

    private static IEnumerable<string> LongOptions(Command command) =>
        command.Options.SelectMany(o => o.Aliases.Append(o.Name))
            .Where(n => n.StartsWith("--", StringComparison.Ordinal))
            .Concat(command.Subcommands.SelectMany(LongOptions));

    // from `throw` to the end of the line that ends the statement (a ';' or, in a switch arm, a ',' at the line's end)
    [GeneratedRegex(@"\bthrow\b[\s\S]*?[;,][ \t]*$", RegexOptions.Multiline)]
    private static partial Regex ThrowStatement();

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex StringLiteral();

    // "--name", "--min-rate": two dashes and a word, not inside a word ("a -- b" is no flag)
    [GeneratedRegex(@"(?<![\w-])--[A-Za-z][\w-]*")]
    private static partial Regex LongFlag();

    [GeneratedRegex(@"using NetLens\.Linux\.(Netlink|SockDiag|Routing|Probes|Scanning|Firewall|PortTest|Interop)\b|\bnew Socket\(|\bProcess\.Start|\bDllImport\b|\bLibraryImport\b")]
    private static partial Regex KernelAccess();

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));

    private static IEnumerable<string> Offences(string file, Regex pattern) =>
        File.ReadLines(file)
            .Select((line, index) => (line, index))
            .Where(l => !l.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && pattern.IsMatch(l.line))
            .Select(l => $"{Relative(Root, file)}:{l.index + 1}: {l.line.Trim()}");

    private static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NetLens.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (NetLens.slnx) above " + AppContext.BaseDirectory);
    }
}
