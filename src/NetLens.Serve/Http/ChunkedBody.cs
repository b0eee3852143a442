namespace NetLens.Serve.Http;

/// <summary>Where a chunked body stands after the bytes fed so far.</summary>
public enum ChunkedState
{
    NeedMore,
    Done,
    TooLarge,
    Malformed,
}

/// <summary>
/// Walks a chunked request body (RFC 9112 §7.1) byte by byte and throws the data away, counting it: the server takes
/// no body, but must read one to the end to answer on the same connection, and must stop (413) as soon as the chunk
/// sizes announce more than the limit, before that data arrives.
/// </summary>
public sealed class ChunkedBody(long maxBytes)
{
    // A size line (hex digits and extensions) or a trailer line longer than this is not an honest client.
    private const int MaxLineBytes = 4096;

    private enum Part
    {
        Size,
        Extension,
        Data,
        DataEnd,
        Trailer,
    }

    private Part _part = Part.Size;
    private long _size;
    private int _digits;
    private int _line;
    private long _remaining;
    private bool _trailerText;

    /// <summary>The data bytes announced so far.</summary>
    public long Length { get; private set; }

    public ChunkedState Feed(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            if (_part == Part.Data)
            {
                var take = (int)Math.Min(_remaining, bytes.Length - i);
                _remaining -= take;
                i += take;
                if (_remaining == 0)
                {
                    _part = Part.DataEnd;
                }

                continue;
            }

            var b = bytes[i++];
            if (++_line > MaxLineBytes)
            {
                return ChunkedState.Malformed;
            }

            switch (_part)
            {
                case Part.Size when HexValue(b) is var digit and >= 0:
                    _size = (_size * 16) + digit;
                    if (++_digits > 15 || Length + _size > maxBytes)
                    {
                        return ChunkedState.TooLarge;
                    }

                    break;
                case Part.Size when b is (byte)';' or (byte)' ' or (byte)'\t':
                    _part = Part.Extension;
                    break;
                case Part.Size or Part.Extension when b == '\r':
                    break;
                case Part.Size or Part.Extension when b == '\n':
                    if (_digits == 0)
                    {
                        return ChunkedState.Malformed;
                    }

                    Length += _size;
                    _remaining = _size;
                    _part = _size == 0 ? Part.Trailer : Part.Data;
                    _size = 0;
                    _digits = 0;
                    _line = 0;
                    break;
                case Part.Size:
                    return ChunkedState.Malformed;
                case Part.Extension:
                    break;
                case Part.DataEnd when b == '\r':
                    break;
                case Part.DataEnd when b == '\n':
                    _part = Part.Size;
                    _line = 0;
                    break;
                case Part.DataEnd:
                    return ChunkedState.Malformed;
                case Part.Trailer when b == '\n':
                    // An empty line (at most a CR before the LF) ends the trailers and the body.
                    if (!_trailerText)
                    {
                        return ChunkedState.Done;
                    }

                    _trailerText = false;
                    _line = 0;
                    break;
                case Part.Trailer:
                    _trailerText |= b != '\r';
                    break;
            }
        }

        return ChunkedState.NeedMore;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
