using NetLens.Core;

namespace NetLens.Cli.Commands.Scan;

/// <summary>-iL and --excludefile: targets separated by spaces, tabs or newlines, "#" starting a comment to the end of the line, as nmap reads them.</summary>
internal static class TargetListFile
{
    public static IReadOnlyList<string> Read(string path, string option)
    {
        string text;
        try
        {
            text = path == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"{option} {path}: cannot read it: {e.Message}");
        }

        return Parse(text);
    }

    public static IReadOnlyList<string> Parse(string text) =>
        [.. text.Split('\n').SelectMany(line => line.Split('#', 2)[0].Split((char[])[' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries))];
}
