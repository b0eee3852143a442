using NetLens.Cli.Output.Completion;

namespace NetLens.Cli.Output.Manual;

/// <summary>What the manual takes from the README, by command path: the prose of its section and its examples.</summary>
public sealed record ManReadme(IReadOnlyDictionary<string, IReadOnlyList<string>> Prose, IReadOnlyDictionary<string, IReadOnlyList<ManExample>> Examples)
{
    public static ManReadme None { get; } = new(new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, IReadOnlyList<ManExample>>());

    public static ManReadme From(IReadOnlyList<string> readme, IReadOnlyList<CommandNode> tree) =>
        new(ReadmeProse.ByCommand(readme, tree), ReadmeExamples.ByCommand(readme, tree));
}
