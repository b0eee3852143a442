using System.Globalization;
using System.Net.Sockets;

namespace NetLens.Serve.Http;

/// <summary>A request read off a connection, or the error status to answer instead (400, 408, 413, 431, 501).</summary>
public readonly record struct HttpRead(HttpRequestHead? Request, int? Status);

/// <summary>
/// Reads one request within <see cref="HttpLimits"/>: the head into a buffer of at most max_header_bytes (431 past
/// it), then the body, if any, read to its end and dropped (413 as soon as its length is known to pass
/// max_body_bytes, before it is sent), all of it within the head timeout (408 after it).
/// </summary>
public static class HttpRequestReader
{
    public static async Task<HttpRead> ReadAsync(Socket client, HttpLimits limits, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(limits.HeadTimeout);
        try
        {
            // Room for the terminating blank line after a head of exactly the limit.
            var buffer = new byte[limits.MaxHeadBytes + 4];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    return new HttpRead(null, 431);
                }

                var read = await client.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return new HttpRead(null, 400);
                }

                var searchFrom = Math.Max(0, length - 3);
                length += read;
                var found = buffer.AsSpan(searchFrom, length - searchFrom).IndexOf("\r\n\r\n"u8);
                if (found < 0)
                {
                    continue;
                }

                var end = searchFrom + found;
                if (end > limits.MaxHeadBytes)
                {
                    return new HttpRead(null, 431);
                }

                if (HttpRequestHead.Parse(buffer.AsSpan(0, end)) is not { } request)
                {
                    return new HttpRead(null, 400);
                }

                var status = await ReadBodyAsync(client, request, buffer.AsMemory(end + 4, length - end - 4), limits.MaxBodyBytes, deadline.Token).ConfigureAwait(false);
                return new HttpRead(status is null ? request : null, status);
            }
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return new HttpRead(null, 408);
        }
    }

    /// <summary>Reads the body to its end and drops it; null when it fit, else the status to answer.</summary>
    private static async Task<int?> ReadBodyAsync(Socket client, HttpRequestHead request, ReadOnlyMemory<byte> already, long maxBytes, CancellationToken deadline)
    {
        var encoding = request.Headers.GetValueOrDefault("Transfer-Encoding");
        var lengthText = request.Headers.GetValueOrDefault("Content-Length");
        if (encoding is not null)
        {
            // Both headers at once is how requests are smuggled past proxies (RFC 9112 §6.3): refused.
            if (lengthText is not null)
            {
                return 400;
            }

            if (!encoding.Equals("chunked", StringComparison.OrdinalIgnoreCase))
            {
                return 501;
            }

            var chunked = new ChunkedBody(maxBytes);
            var state = chunked.Feed(already.Span);
            var scratch = new byte[16 * 1024];
            while (state == ChunkedState.NeedMore)
            {
                var read = await client.ReceiveAsync(scratch, SocketFlags.None, deadline).ConfigureAwait(false);
                state = read == 0 ? ChunkedState.Malformed : chunked.Feed(scratch.AsSpan(0, read));
            }

            return state switch
            {
                ChunkedState.Done => null,
                ChunkedState.TooLarge => 413,
                _ => 400,
            };
        }

        if (lengthText is null)
        {
            return null;
        }

        if (!long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return 400;
        }

        if (length > maxBytes)
        {
            return 413;
        }

        var left = length - already.Length;
        var buffer = new byte[(int)Math.Min(Math.Max(left, 1), 16 * 1024)];
        while (left > 0)
        {
            var read = await client.ReceiveAsync(buffer.AsMemory(0, (int)Math.Min(left, buffer.Length)), SocketFlags.None, deadline).ConfigureAwait(false);
            if (read == 0)
            {
                return 400;
            }

            left -= read;
        }

        return null;
    }
}
