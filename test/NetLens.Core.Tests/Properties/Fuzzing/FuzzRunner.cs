using System.Diagnostics;

namespace NetLens.Fuzzing;

/// <summary>What a run of one target found: how many cases, how many raised an untyped exception, and the first few of those.</summary>
internal sealed record FuzzReport(string Target, long Cases, long Failures, TimeSpan Elapsed, IReadOnlyList<FuzzFailure> Examples)
{
    public double CasesPerSecond => Cases / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>An input and what it raised.</summary>
internal sealed record FuzzFailure(byte[] Input, Exception Exception)
{
    public override string ToString() =>
        $"{Exception.GetType().Name}: {Exception.Message} (input {Input.Length} bytes: {Convert.ToHexString(Input.AsSpan(0, Math.Min(Input.Length, 96)))})";
}

/// <summary>Runs a target on mutated inputs and tells typed parse errors (fine) from anything else (a failure).</summary>
internal static class FuzzRunner
{
    /// <summary>Runs <paramref name="input"/>; rethrows, wrapped, anything that is not the target's typed parse error.</summary>
    public static void Check(FuzzTarget target, byte[] input)
    {
        try
        {
            target.Run(input);
        }
        catch (Exception e) when (target.IsTyped(e))
        {
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"{target.Name}: {new FuzzFailure(input, e)}", e);
        }
    }

    public static FuzzReport Run(FuzzTarget target, long cases, int seed, int examples = 3)
    {
        var random = new Random(seed);
        var found = new List<FuzzFailure>();
        long failures = 0;
        var start = Stopwatch.GetTimestamp();
        for (long i = 0; i < cases; i++)
        {
            var input = Mutator.Mutate(target, random);
            try
            {
                target.Run(input);
            }
            catch (Exception e) when (target.IsTyped(e))
            {
            }
            catch (Exception e)
            {
                failures++;
                if (found.Count < examples)
                {
                    found.Add(new FuzzFailure(input, e));
                }
            }
        }

        return new FuzzReport(target.Name, cases, failures, Stopwatch.GetElapsedTime(start), found);
    }
}
