using CsCheck;
using NetLens.Fuzzing;

namespace NetLens.Core.Tests.Properties;

/// <summary>
/// Every Core parser and decoder, fed mutated seeds and random bytes, raises nothing but its typed error
/// (bench/fuzz.sh runs the same targets a million times each).
/// </summary>
public class CoreParserProperties
{
    private const int MutatedCases = 2000;
    private const int RandomCases = 300;

    public static TheoryData<string> Targets => [.. CoreFuzzTargets.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Mutated_inputs_raise_only_the_typed_parse_error(string name)
    {
        var target = CoreFuzzTargets.Named(name);

        Gen.Int.Sample(seed => FuzzRunner.Check(target, Mutator.Mutate(target, new Random(seed))), iter: MutatedCases);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Random_bytes_raise_only_the_typed_parse_error(string name)
    {
        var target = CoreFuzzTargets.Named(name);

        Gen.Byte.Array[0, 300].Sample(bytes => FuzzRunner.Check(target, bytes), iter: RandomCases);
    }

    /// <summary>The seeded run bench/fuzz.sh scales to a million cases per target (NETLENS_FUZZ_CASES).</summary>
    [Theory]
    [MemberData(nameof(Targets))]
    public void A_seeded_fuzz_run_finds_no_untyped_exception(string name)
    {
        var report = FuzzDrive.Run(CoreFuzzTargets.Named(name));

        Assert.True(report.Failures == 0, FuzzDrive.Describe(report));
    }
}
