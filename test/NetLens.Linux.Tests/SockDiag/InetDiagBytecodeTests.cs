using System.Buffers.Binary;
using NetLens.Linux.SockDiag;

namespace NetLens.Linux.Tests.SockDiag;

/// <summary>The filter programs run through a copy of the kernel's audit and interpreter (net/ipv4/inet_diag.c) for local ports.</summary>
public class InetDiagBytecodeTests
{
    [Theory]
    [InlineData(new[] { 8080 })]
    [InlineData(new[] { 22, 443, 8080 })]
    [InlineData(new[] { 1, 65535 })]
    [InlineData(new[] { 65534, 65535 })]
    public void Not_in_keeps_exactly_the_ports_outside_the_list(int[] ports)
    {
        var program = InetDiagBytecode.LocalPortNotIn(ports);

        Assert.True(Audit(program));
        foreach (var port in Probes(ports))
        {
            Assert.Equal(!ports.Contains(port), Run(program, port));
        }
    }

    [Theory]
    [InlineData(new[] { 8080 })]
    [InlineData(new[] { 22, 443, 8080 })]
    [InlineData(new[] { 1, 65535 })]
    public void In_keeps_exactly_the_listed_ports(int[] ports)
    {
        var program = InetDiagBytecode.LocalPortIn(ports);

        Assert.True(Audit(program));
        foreach (var port in Probes(ports))
        {
            Assert.Equal(ports.Contains(port), Run(program, port));
        }
    }

    [Fact]
    public void One_port_is_two_comparisons_with_the_port_in_the_follow_on_op()
    {
        // S_GE 80 (yes +8, no +16), {port 80}; S_GE 81 (yes +8, no: past the end), {port 81}
        Assert.Equal(
            Convert.FromHexString("020810000000500002080C0000005100"),
            InetDiagBytecode.LocalPortNotIn([80]));
    }

    [Fact]
    public void No_ports_is_no_program()
    {
        Assert.Empty(InetDiagBytecode.LocalPortNotIn([]));
    }

    private static IEnumerable<int> Probes(int[] ports) =>
        ports.SelectMany(p => new[] { p - 1, p, p + 1 }).Concat([0, 1, 1024, 40000, 65535]).Where(p => p is >= 0 and <= 65535).Distinct();

    /// <summary>inet_diag_bc_run for S_GE, S_LE and JMP: keep when the program ends exactly at its end.</summary>
    private static bool Run(byte[] program, int sport)
    {
        var at = 0;
        var len = program.Length;
        while (len > 0)
        {
            var code = program[at];
            var yes = code switch
            {
                2 => sport >= Port(program, at),
                3 => sport <= Port(program, at),
                1 => false,
                _ => throw new InvalidOperationException($"op {code}"),
            };
            var step = yes ? program[at + 1] : BinaryPrimitives.ReadUInt16LittleEndian(program.AsSpan(at + 2));
            len -= step;
            at += step;
        }

        return len == 0;
    }

    /// <summary>inet_diag_bc_audit: jumps in range, 4-aligned, and every `no` target on the chain of `yes` jumps.</summary>
    private static bool Audit(byte[] program)
    {
        var at = 0;
        var len = program.Length;
        while (len > 0)
        {
            var code = program[at];
            var minLength = 4;
            if (code is 2 or 3)
            {
                minLength += 4;
                if (len < minLength)
                {
                    return false;
                }
            }

            int yes = program[at + 1];
            int no = BinaryPrimitives.ReadUInt16LittleEndian(program.AsSpan(at + 2));
            if (no < minLength || no > len + 4 || (no & 3) != 0 || (no < len && !OnYesChain(program, len - no)))
            {
                return false;
            }

            if (yes < minLength || yes > len + 4 || (yes & 3) != 0)
            {
                return false;
            }

            at += yes;
            len -= yes;
        }

        return len == 0 || len == -4 || len < 0;
    }

    private static bool OnYesChain(byte[] program, int remaining)
    {
        var at = 0;
        var len = program.Length;
        while (len >= 0)
        {
            if (remaining > len)
            {
                return false;
            }

            if (remaining == len)
            {
                return true;
            }

            int yes = program[at + 1];
            if (yes < 4 || (yes & 3) != 0)
            {
                return false;
            }

            len -= yes;
            at += yes;
        }

        return false;
    }

    private static int Port(byte[] program, int at) => BinaryPrimitives.ReadUInt16LittleEndian(program.AsSpan(at + 6));
}
