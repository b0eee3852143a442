using System.Buffers.Binary;

namespace NetLens.Linux.SockDiag;

/// <summary>
/// Socket filters the kernel runs before it builds an answer (INET_DIAG_REQ_BYTECODE, linux/inet_diag.h).
/// Each op is {code, yes, no}: the program goes on by `yes` or `no` bytes; reaching the end exactly keeps the
/// socket, jumping past it drops the socket. The kernel's audit only accepts jump targets that the chain of
/// `yes` jumps from the start passes through, so every op here continues by `yes`.
/// </summary>
internal static class InetDiagBytecode
{
    private const byte INET_DIAG_BC_JMP = 1;
    private const byte INET_DIAG_BC_S_GE = 2;
    private const byte INET_DIAG_BC_S_LE = 3;

    private const int OpLength = 4;

    /// <summary>Beyond this many ports the program costs the kernel more per socket than the answers it saves.</summary>
    public const int MaxPorts = 256;

    /// <summary>Keeps sockets whose local port is none of <paramref name="ports"/>; empty for no ports (keep all).</summary>
    public static byte[] LocalPortNotIn(IReadOnlyList<int> ports)
    {
        var program = new byte[Length(ports)];
        WriteNotIn(program, ports);
        return program;
    }

    /// <summary>Keeps sockets whose local port is one of <paramref name="ports"/> (at least one): "not in" with its ends swapped, as ss compiles `not`.</summary>
    public static byte[] LocalPortIn(IReadOnlyList<int> ports)
    {
        ArgumentOutOfRangeException.ThrowIfZero(ports.Count);
        var inner = Length(ports);
        var program = new byte[inner + OpLength];
        WriteNotIn(program, ports);

        // a kept socket reaches this jump and leaves past the end; a dropped one had jumped exactly onto the end
        Op(program.AsSpan(inner), INET_DIAG_BC_JMP, OpLength, 2 * OpLength);
        return program;
    }

    /// <summary>Per port p: `sport >= p` else next port; `sport >= p + 1` else (sport == p) drop. Port 65535: `sport &lt;= 65534` else drop.</summary>
    private static void WriteNotIn(Span<byte> program, IReadOnlyList<int> ports)
    {
        var end = Length(ports);
        var at = 0;
        foreach (var port in ports)
        {
            var drop = end - at + OpLength;
            if (port == ushort.MaxValue)
            {
                Compare(program[at..], INET_DIAG_BC_S_LE, 2 * OpLength, drop, ushort.MaxValue - 1);
                at += 2 * OpLength;
                continue;
            }

            Compare(program[at..], INET_DIAG_BC_S_GE, 2 * OpLength, 4 * OpLength, port);
            Compare(program[(at + (2 * OpLength))..], INET_DIAG_BC_S_GE, 2 * OpLength, drop - (2 * OpLength), port + 1);
            at += 4 * OpLength;
        }
    }

    private static int Length(IReadOnlyList<int> ports)
    {
        var length = 0;
        foreach (var port in ports)
        {
            length += port == ushort.MaxValue ? 2 * OpLength : 4 * OpLength;
        }

        return length;
    }

    /// <summary>A port comparison: the op, then a second op whose `no` field carries the port.</summary>
    private static void Compare(Span<byte> at, byte code, int yes, int no, int port)
    {
        Op(at, code, yes, no);
        Op(at[OpLength..], 0, 0, port);
    }

    private static void Op(Span<byte> at, byte code, int yes, int no)
    {
        at[0] = code;
        at[1] = (byte)yes;
        BinaryPrimitives.WriteUInt16LittleEndian(at[2..], (ushort)no);
    }
}
