using NetLens.Linux.Memory;

namespace NetLens.Linux.Tests.Memory;

/// <summary>Which mappings the huge-page advice covers: the address-adjacent anonymous run around the heap, nothing else.</summary>
public class HugePageAdviceTests
{
    private static readonly string[] Maps =
    [
        "55d0c0000000-55d0c0100000 r-xp 00000000 fd:00 1234    /work/artifacts/bin/netlens",
        "7f0000000000-7f0000400000 rw-p 00000000 00:00 0 ",
        "7f0000400000-7f4000000000 ---p 00000000 00:00 0 ",
        "7f4000000000-7f4000200000 rw-p 00000000 00:00 0 ",
        "7f4000300000-7f4000400000 rw-p 00000000 00:00 0 ",
        "7f5000000000-7f5000100000 r--p 00000000 fd:00 99      /usr/lib/x86_64-linux-gnu/libc.so.6",
        "7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0                          [stack]",
    ];

    [Fact]
    public void The_run_is_every_adjacent_anonymous_mapping_around_the_address()
    {
        Assert.Equal((0x7f0000000000ul, 0x7f4000200000ul), HugePageAdvice.HeapRun(Maps, 0x7f0000401000));
    }

    [Fact]
    public void A_gap_ends_the_run()
    {
        Assert.Equal((0x7f4000300000ul, 0x7f4000400000ul), HugePageAdvice.HeapRun(Maps, 0x7f4000300010));
    }

    [Fact]
    public void File_mappings_and_unmapped_addresses_are_not_advised()
    {
        Assert.Equal((0ul, 0ul), HugePageAdvice.HeapRun(Maps, 0x55d0c0000010));
        Assert.Equal((0ul, 0ul), HugePageAdvice.HeapRun(Maps, 0x7f4000250000));
    }
}
