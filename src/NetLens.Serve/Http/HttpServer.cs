using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetLens.Serve.Http;

/// <summary>What a route answers.</summary>
public sealed record HttpAnswer(int Status, string ContentType, string Body)
{
    /// <summary>The Retry-After header in seconds (a 429's or a 503's), or null for none.</summary>
    public int? RetryAfterSeconds { get; init; }
}

/// <summary>
/// A small HTTP/1.1 server on a listening socket, enough for Prometheus scrapes: GET (and POST for the routes that
/// take one, bodies read and thrown away), one request per connection (Connection: close), the head, body, time and
/// connections bounded by <see cref="HttpLimits"/> (read per connection, so a reload applies). Kept out of the
/// one-shot commands' start-up: nothing here is touched unless `serve` runs.
/// </summary>
public sealed class HttpServer(Socket listener, Func<HttpRequestHead, CancellationToken, Task<HttpAnswer>> handle, Func<HttpLimits>? limits = null)
{
    // After the answer, what the client still sends is read and dropped for this long (or this much), so closing
    // with unread bytes does not reset the connection before the client has read the answer.
    private static readonly TimeSpan LingerTime = TimeSpan.FromSeconds(1);
    private const int LingerBytes = 256 * 1024;

    private int _active;
    private int _turnedAway;

    public static Socket Listen(IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endpoint);
            socket.Listen(128);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task RunAsync(CancellationToken cancellation)
    {
        var running = new HashSet<Task>();
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                Socket client;
                try
                {
                    client = await listener.AcceptAsync(cancellation).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                var current = limits?.Invoke() ?? HttpLimits.Default;
                Task connection;
                if (Interlocked.Increment(ref _active) <= current.MaxConnections)
                {
                    connection = ServeAsync(client, current, cancellation);
                }
                else
                {
                    Interlocked.Decrement(ref _active);
                    connection = TurnAwayAsync(client, current, cancellation);
                }

                lock (running)
                {
                    running.RemoveWhere(t => t.IsCompleted);
                    running.Add(connection);
                }
            }
        }
        finally
        {
            Task[] pending;
            lock (running)
            {
                pending = [.. running];
            }

            await Task.WhenAll(pending).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Past max_connections: 503 at once, without reading the request. As many again are answered so; beyond that the
    /// connection is closed unanswered, so a flood costs no more than twice the limit.
    /// </summary>
    private async Task TurnAwayAsync(Socket client, HttpLimits current, CancellationToken cancellation)
    {
        await Task.Yield();
        try
        {
            using (client)
            {
                if (Interlocked.Increment(ref _turnedAway) <= current.MaxConnections)
                {
                    await WriteAsync(client, new HttpAnswer(503, "text/plain; charset=utf-8", "Service Unavailable: too many connections\n") { RetryAfterSeconds = 1 }, false, cancellation).ConfigureAwait(false);
                    await LingerAsync(client, cancellation).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            // The client went away or the server is stopping.
        }
        finally
        {
            Interlocked.Decrement(ref _turnedAway);
        }
    }

    private async Task ServeAsync(Socket client, HttpLimits current, CancellationToken cancellation)
    {
        await Task.Yield();
        try
        {
            using (client)
            {
                var read = await HttpRequestReader.ReadAsync(client, current, cancellation).ConfigureAwait(false);
                var request = read.Request;
                var answer = read.Status is { } status ? Error(status)
                    : request!.Method is not ("GET" or "HEAD" or "POST") ? Error(405)
                    : await handle(request, cancellation).ConfigureAwait(false);
                await WriteAsync(client, answer, request?.Method == "HEAD", cancellation).ConfigureAwait(false);
                await LingerAsync(client, cancellation).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            // The client went away or the server is stopping: nothing to answer to.
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }

    private static HttpAnswer Error(int status) => new(status, "text/plain; charset=utf-8", $"{Reason(status)}\n");

    /// <summary>Reads and drops what the client still sends until it closes, for a second or 256 KiB at most.</summary>
    private static async Task LingerAsync(Socket client, CancellationToken cancellation)
    {
        using var linger = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        linger.CancelAfter(LingerTime);
        var scratch = new byte[16 * 1024];
        try
        {
            for (var total = 0; total < LingerBytes;)
            {
                var read = await client.ReceiveAsync(scratch, SocketFlags.None, linger.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                total += read;
            }
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            // The client kept the connection open past the linger: it has had its answer.
        }
    }

    private static async Task WriteAsync(Socket client, HttpAnswer answer, bool headOnly, CancellationToken cancellation)
    {
        var body = Encoding.UTF8.GetBytes(answer.Body);
        var head = $"HTTP/1.1 {answer.Status} {Reason(answer.Status)}\r\nContent-Type: {answer.ContentType}\r\nContent-Length: {body.Length}\r\n{(answer.RetryAfterSeconds is { } retry ? $"Retry-After: {retry}\r\n" : "")}Connection: close\r\n\r\n";
        await client.SendAsync(Encoding.ASCII.GetBytes(head), SocketFlags.None, cancellation).ConfigureAwait(false);
        if (!headOnly)
        {
            await client.SendAsync(body, SocketFlags.None, cancellation).ConfigureAwait(false);
        }

        client.Shutdown(SocketShutdown.Send);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    };
}
