using System.Text;

namespace NetLens.Cli.Commands.Routing.Batch;

/// <summary>
/// Where the batch engine's answer bytes go for a writer: straight into the stream under a UTF-8
/// <see cref="StreamWriter"/> (stdout), or decoded into any other writer (tests capture a <see cref="StringWriter"/>).
/// </summary>
public static class AnswerStream
{
    public static Stream For(TextWriter writer)
    {
        if (writer is StreamWriter { BaseStream: var stream } streamWriter && streamWriter.Encoding is UTF8Encoding)
        {
            // What the writer holds goes first.
            streamWriter.Flush();
            return stream;
        }

        return new DecodingStream(writer);
    }

    /// <summary>A write-only stream of UTF-8 into a writer; a character split between two writes is decoded whole.</summary>
    private sealed class DecodingStream(TextWriter writer) : Stream
    {
        private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var chars = new char[_decoder.GetCharCount(buffer, flush: false)];
            var written = _decoder.GetChars(buffer, chars, flush: false);
            writer.Write(chars, 0, written);
        }

        public override void Flush() => writer.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
