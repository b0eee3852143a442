using System.Text;

namespace NetLens.Cli.Commands.Routing.Batch;

/// <summary>
/// Answer bytes, gathered in a 64 KiB buffer: written straight into the stream under a <see cref="StreamWriter"/>
/// (stdout; its encoding is UTF-8, like the answers), or decoded into any other writer (tests capture a
/// <see cref="StringWriter"/>). A million answers are 70 MB: encoding them from characters would cost more than
/// deciding them.
/// </summary>
public sealed class AnswerSink : IDisposable
{
    private readonly TextWriter _writer;
    private readonly Stream? _stream;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;

    public AnswerSink(TextWriter writer)
    {
        _writer = writer;
        if (writer is StreamWriter { BaseStream: var stream } streamWriter && streamWriter.Encoding is UTF8Encoding)
        {
            // What the writer holds goes first.
            streamWriter.Flush();
            _stream = stream;
        }
    }

    /// <summary>Answers into <paramref name="stream"/> (UTF-8 bytes, as written).</summary>
    public AnswerSink(Stream stream) => (_writer, _stream) = (TextWriter.Null, stream);

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

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        if (_stream is not null)
        {
            _stream.Write(bytes);
        }
        else
        {
            _writer.Write(Encoding.UTF8.GetString(bytes));
        }
    }
}
