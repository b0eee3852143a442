using System.Text;

namespace NetLens.Fuzzing;

/// <summary>
/// One parser or decoder under fuzz: captured inputs to mutate, words of its grammar to splice in, how to run it on
/// bytes, and which exceptions are its typed "bad input" answer. Anything else it throws is a failure.
/// </summary>
internal sealed record FuzzTarget(
    string Name,
    IReadOnlyList<byte[]> Seeds,
    IReadOnlyList<byte[]> Tokens,
    Action<byte[]> Run,
    Func<Exception, bool> IsTyped)
{
    /// <summary>A text parser: inputs are UTF-8 (invalid bytes become U+FFFD, as File.ReadAllText makes them).</summary>
    public static FuzzTarget Text(string name, IEnumerable<string> seeds, IEnumerable<string> tokens, Action<string> run, Func<Exception, bool> isTyped) =>
        new(name, [.. seeds.Select(Encoding.UTF8.GetBytes)], [.. tokens.Select(Encoding.UTF8.GetBytes)], bytes => run(Encoding.UTF8.GetString(bytes)), isTyped);

    /// <summary>For decoders of the Try pattern: no exception at all is expected.</summary>
    public static bool NeverThrows(Exception e) => false;

    public override string ToString() => Name;
}
