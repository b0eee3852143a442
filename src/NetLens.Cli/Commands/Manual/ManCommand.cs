using System.CommandLine;
using System.Globalization;
using System.Text;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Completion;
using NetLens.Cli.Output.Manual;
using NetLens.Core;
using NetLens.Linux.Files;

namespace NetLens.Cli.Commands.Manual;

/// <summary>
/// `netlens man DIR [--readme FILE]` (hidden: for packaging): writes netlens.1 and a page per command into DIR, with the
/// README's examples. SOURCE_DATE_EPOCH, when set, dates the pages, so a rebuild writes the same bytes.
/// </summary>
public static class ManCommand
{
    private static readonly Argument<string> Directory = new("dir") { Description = "Where to write the pages (created if missing)" };

    private static readonly Option<string?> Readme = new("--readme") { Description = "The README whose examples go into the pages", HelpName = "FILE" };

    public static Command Create(CliOutput output)
    {
        var command = new Command("man", "Write the manual pages (netlens.1, netlens-route-get.1, …) into DIR") { Hidden = true };
        command.Arguments.Add(Directory);
        command.Options.Add(Readme);
        command.SetAction(parse => Run(parse, output));
        return command;
    }

    private static int Run(ParseResult parse, CliOutput output)
    {
        var directory = parse.GetRequiredValue(Directory);
        if (directory.Length == 0)
        {
            throw new UsageException("man: the directory is empty (give a path)");
        }

        var tree = CommandNode.Walk(parse.RootCommandResult.Command);
        var readme = parse.GetValue(Readme) is { } path ? ManReadme.From(ReadLines(path), tree) : ManReadme.None;
        var pages = ManPageWriter.Write(tree, readme, NetLensVersionAction.Version, PageDate());
        System.IO.Directory.CreateDirectory(directory);
        foreach (var page in pages)
        {
            // as every file netlens writes: a link is followed, a device written through, a file replaced whole
            SafeFileWriter.Write(Path.Combine(directory, page.FileName), Encoding.UTF8.GetBytes(page.Text), "man");
        }

        output.Out.WriteLine($"wrote {pages.Count} pages into {directory}");
        return ExitCodes.Success;
    }

    private static string[] ReadLines(string path)
    {
        if (path.Length == 0 || System.IO.Directory.Exists(path) || !File.Exists(path))
        {
            throw new UsageException($"--readme {InputText.Quote(path)}: not a readable file");
        }

        return File.ReadAllLines(path);
    }

    private static DateOnly PageDate() =>
        long.TryParse(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime)
            : DateOnly.FromDateTime(DateTime.UtcNow);
}
