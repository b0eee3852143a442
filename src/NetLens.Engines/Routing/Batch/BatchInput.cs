using System.Diagnostics;
using NetLens.Core;
using NetLens.Linux.Memory;

namespace NetLens.Engines.Routing.Batch;

/// <summary>
/// A batch's bytes (a buffer and how much of it is filled), read whole and never decoded to a string, with the name
/// errors give it and the moment reading began (every timing of the batch counts from there).
/// </summary>
public sealed record BatchInput(byte[] Text, int Length, string Name, long StartedAt)
{
    /// <summary>From this size on (about 40,000 questions) a batch runs without collections, on huge pages where the kernel allows.</summary>
    public const int BigBatch = 1 << 20;

    public bool IsBig => Length >= BigBatch;

    /// <summary>Time since reading began.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(StartedAt);

    /// <summary>Questions already in memory (tests, and front ends that have them).</summary>
    public static BatchInput Of(byte[] text, string name) => new(text, text.Length, name, Stopwatch.GetTimestamp());

    /// <summary>Reads the file at <paramref name="path"/>, or standard input for "-"; a file that cannot be read is a usage error.</summary>
    public static BatchInput Read(string path)
    {
        var startedAt = Stopwatch.GetTimestamp();
        if (MayBeBig(path))
        {
            // Before the batch is read, so the buffer it is read into lies on huge pages too.
            HugePageAdvice.AdviseManagedHeap();
        }

        var (text, length) = ReadAll(path);
        return new BatchInput(text, length, path == "-" ? "stdin" : path, startedAt);
    }

    /// <summary>A file of at least <see cref="BigBatch"/> bytes, or stdin whose size is not known ahead (a pipe).</summary>
    private static bool MayBeBig(string path)
    {
        if (path != "-")
        {
            return File.Exists(path) && new FileInfo(path).Length >= BigBatch;
        }

        var size = StdinSize();
        return size == 0 || size >= BigBatch;
    }

    private static int StdinSize()
    {
        try
        {
            using var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(0, ownsHandle: false);
            var length = RandomAccess.GetLength(handle);
            return length is > 0 and < int.MaxValue / 2 ? (int)length : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return 0;
        }
    }

    private static (byte[] Text, int Length) ReadAll(string path)
    {
        try
        {
            if (path != "-")
            {
                var bytes = File.ReadAllBytes(path);
                return (bytes, bytes.Length);
            }

            using var stdin = Console.OpenStandardInput();

            // Redirected from a file (`< questions`), stdin has a size: one buffer of it, not a chain of doublings
            // whose copies would be fresh memory to fault in. A pipe starts at 4 MiB and doubles.
            var buffer = new byte[Math.Max(StdinSize() + 1, 1 << 22)];
            var used = 0;
            int read;
            while ((read = stdin.Read(buffer, used, buffer.Length - used)) > 0)
            {
                used += read;
                if (used == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
            }

            return (buffer, used);
        }
        catch (IOException e)
        {
            throw new UsageException($"cannot read {path}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UsageException($"cannot read {path}: {e.Message}");
        }
    }
}
