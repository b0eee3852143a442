using NetLens.Cli.Commands.Routing.Batch;
using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Routing;
using NetLens.Cli.Snapshots;
using NetLens.Core;
using NetLens.Core.Routing.Lookup;
using NetLens.Linux.Config;
using NetLens.Linux.Processes;
using NetLens.Linux.Routing;

namespace NetLens.Cli.Commands.Routing;

/// <summary>
/// `route get --batch FILE|-`: every line checked first (nothing is answered when one is malformed), then one
/// snapshot, answers in-process, the kernel asked only for lines the engine cannot reproduce.
/// </summary>
public static class RouteBatchHandler
{
    public static int Run(string batchPath, RouteGetOptions options, CliOutput output)
    {
        if (options.Json || options.Explain)
        {
            throw new UsageException("--batch prints one line per question; --json and --explain work with a single ADDR");
        }

        var text = ReadAll(batchPath);
        var parser = new BatchQuestionParser(options);
        var number = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            number++;
            if (BatchQuestionParser.IsSkipped(line))
            {
                continue;
            }

            try
            {
                parser.Parse(line);
            }
            catch (UsageException e)
            {
                throw new UsageException($"{BatchName(batchPath)} line {number}: {e.Message}");
            }
        }

        using var kernel = options.SnapshotPath is null ? OpenKernel(options) : null;
        var snapshot = kernel is null ? RoutingSnapshotFile.Load(options.SnapshotPath!) : RoutingSnapshotReader.Read(kernel);
        var engine = new RouteLookupEngine(snapshot);
        var words = new RouteWords(IpNamesFiles.OnDemand(), snapshot.InterfaceNames, snapshot.Rules);
        var answers = new RouteAnswerSource(engine, kernel, words, CurrentUser.Uid);
        var o = output.Out;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (!BatchQuestionParser.IsSkipped(line))
            {
                answers.Write(o, parser.Parse(line), BatchQuestionParser.AddressText(line));
            }
        }

        if (options.Verbose)
        {
            output.Error.WriteLine($"netlens: {answers.InProcess} answered in-process, {answers.AskedKernel} asked of the kernel");
        }

        return ExitCodes.Success;
    }

    private static RouteNetlink OpenKernel(RouteGetOptions options) =>
        options.Netns is { } ns ? RouteNetlink.OpenInNamespace(ns) : RouteNetlink.Open();

    private static string BatchName(string path) => path == "-" ? "stdin" : path;

    private static string ReadAll(string path)
    {
        try
        {
            if (path != "-")
            {
                return File.ReadAllText(path);
            }

            using var stdin = new StreamReader(Console.OpenStandardInput());
            return stdin.ReadToEnd();
        }
        catch (IOException e)
        {
            throw new UsageException($"cannot read {path}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UsageException($"cannot read {path}: {e.Message}");
        }
    }
}
