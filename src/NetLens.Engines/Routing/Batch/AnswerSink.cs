namespace NetLens.Engines.Routing.Batch;

/// <summary>
/// Answer bytes, gathered in a 64 KiB buffer and written into the stream a run at a time: a million answers are 70 MB,
/// and a write per line (or encoding them from characters) would cost more than deciding them. Every write holds
/// whole answers (only a single piece larger than the buffer is written on its own), so a reader decoding each write
/// never sees half a character.
/// </summary>
public sealed class AnswerSink : IDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;

    /// <summary>Answers into <paramref name="stream"/> (UTF-8 bytes, as written).</summary>
    public AnswerSink(Stream stream) => _stream = stream;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _used)
        {
            Flush();
            if (bytes.Length > _buffer.Length)
            {
                Emit(bytes);
                return;
            }
        }

        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    public void Flush()
    {
        Emit(_buffer.AsSpan(0, _used));
        _used = 0;
    }

    public void Dispose() => Flush();

    private void Emit(ReadOnlySpan<byte> bytes) => _stream.Write(bytes);
}
