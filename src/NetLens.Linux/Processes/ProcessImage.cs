using System.Runtime.InteropServices;
using System.Text;
using NetLens.Linux.Interop;

namespace NetLens.Linux.Processes;

/// <summary>
/// Replaces this process with another program (execv): same pid, same descriptors, same capabilities (ambient ones
/// survive exec), so a supervisor such as systemd never notices the hand-over.
/// </summary>
public static class ProcessImage
{
    /// <summary>Runs <paramref name="path"/> with argv <paramref name="arguments"/> (argv[0] first); returns only on failure, with the reason.</summary>
    public static unsafe string Replace(string path, IReadOnlyList<string> arguments)
    {
        var strings = new List<nint>(arguments.Count + 1);
        try
        {
            var pathBytes = Utf8(path);
            strings.Add(pathBytes);
            var argv = stackalloc byte*[arguments.Count + 1];
            for (var i = 0; i < arguments.Count; i++)
            {
                var argument = Utf8(arguments[i]);
                strings.Add(argument);
                argv[i] = (byte*)argument;
            }

            argv[arguments.Count] = null;
            LibC.execv((byte*)pathBytes, argv);
            return PosixError.Describe(PosixError.Last());
        }
        finally
        {
            foreach (var s in strings)
            {
                NativeMemory.Free((void*)s);
            }
        }
    }

    private static unsafe nint Utf8(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var copy = (byte*)NativeMemory.Alloc((nuint)bytes.Length + 1);
        bytes.CopyTo(new Span<byte>(copy, bytes.Length));
        copy[bytes.Length] = 0;
        return (nint)copy;
    }
}
