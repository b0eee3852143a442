using System.Buffers.Binary;
using CsCheck;
using NetLens.Fuzzing;
using NetLens.Linux.Netlink;

namespace NetLens.Linux.Tests.Properties;

/// <summary>
/// Every netlink, sock_diag and error-queue decoder, fed mutated captures and random payloads, raises nothing but its
/// typed error (bench/fuzz.sh runs the same targets a million times each).
/// </summary>
public class LinuxDecoderProperties
{
    private const int MutatedCases = 2000;
    private const int RandomCases = 500;

    public static TheoryData<string> Targets => [.. LinuxFuzzTargets.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Mutated_captures_raise_only_the_typed_parse_error(string name)
    {
        var target = LinuxFuzzTargets.Named(name);

        Gen.Int.Sample(seed => FuzzRunner.Check(target, Mutator.Mutate(target, new Random(seed))), iter: MutatedCases);
    }

    /// <summary>Random payloads behind a well-formed nlmsghdr of the first seed's type, so they reach the decoder and not only the framing.</summary>
    [Theory]
    [MemberData(nameof(Targets))]
    public void Random_payloads_raise_only_the_typed_parse_error(string name)
    {
        var target = LinuxFuzzTargets.Named(name);
        var framed = target.Seeds[0].Length >= NetlinkConstants.HeaderLength && name != "recverr-cmsg";

        Gen.Byte.Array[0, 300].Sample(
            payload => FuzzRunner.Check(target, framed ? Frame(target.Seeds[0], payload) : payload),
            iter: RandomCases);
    }

    private static byte[] Frame(byte[] seed, byte[] payload)
    {
        var message = new byte[NetlinkConstants.HeaderLength + payload.Length];
        seed.AsSpan(0, NetlinkConstants.HeaderLength).CopyTo(message);
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)message.Length);
        payload.CopyTo(message, NetlinkConstants.HeaderLength);
        return message;
    }

    /// <summary>The seeded run bench/fuzz.sh scales to a million cases per target (NETLENS_FUZZ_CASES).</summary>
    [Theory]
    [MemberData(nameof(Targets))]
    public void A_seeded_fuzz_run_finds_no_untyped_exception(string name)
    {
        var report = FuzzDrive.Run(LinuxFuzzTargets.Named(name));

        Assert.True(report.Failures == 0, FuzzDrive.Describe(report));
    }
}
