using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetLens.Serve.Http;

/// <summary>What a route answers.</summary>
public sealed record HttpAnswer(int Status, string ContentType, string Body);

/// <summary>
/// A small HTTP/1.1 server on a listening socket, enough for Prometheus scrapes: GET (and POST for the routes that
/// take one, bodies unread), one request per connection
/// (Connection: close), a bounded request head, a bounded number of connections at once. Kept out of the one-shot
/// commands' start-up: nothing here is touched unless `serve` runs.
/// </summary>
public sealed class HttpServer(Socket listener, Func<HttpRequestHead, CancellationToken, Task<HttpAnswer>> handle, int maxConnections = 64)
{
    private const int MaxHeadBytes = 8192;
    private static readonly TimeSpan HeadTimeout = TimeSpan.FromSeconds(10);

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
        using var slots = new SemaphoreSlim(maxConnections);
        var running = new HashSet<Task>();
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                Socket client;
                try
                {
                    await slots.WaitAsync(cancellation).ConfigureAwait(false);
                    client = await listener.AcceptAsync(cancellation).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                var connection = ServeAsync(client, slots, cancellation);
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

    private async Task ServeAsync(Socket client, SemaphoreSlim slots, CancellationToken cancellation)
    {
        await Task.Yield();
        try
        {
            using (client)
            {
                var head = await ReadHeadAsync(client, cancellation).ConfigureAwait(false);
                var request = head is null ? null : HttpRequestHead.Parse(head);
                var answer = request is null ? new HttpAnswer(400, "text/plain; charset=utf-8", "Bad Request\n")
                    : request.Method is not ("GET" or "HEAD" or "POST") ? new HttpAnswer(405, "text/plain; charset=utf-8", "Method Not Allowed\n")
                    : await handle(request, cancellation).ConfigureAwait(false);
                await WriteAsync(client, answer, request?.Method == "HEAD", cancellation).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            // The client went away or the server is stopping: nothing to answer to.
        }
        finally
        {
            slots.Release();
        }
    }

    private static async Task<byte[]?> ReadHeadAsync(Socket client, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(HeadTimeout);
        var buffer = new byte[MaxHeadBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await client.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, timeout.Token).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            length += read;
            var end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return buffer[..end];
            }
        }

        return null;
    }

    private static async Task WriteAsync(Socket client, HttpAnswer answer, bool headOnly, CancellationToken cancellation)
    {
        var body = Encoding.UTF8.GetBytes(answer.Body);
        var head = $"HTTP/1.1 {answer.Status} {Reason(answer.Status)}\r\nContent-Type: {answer.ContentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
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
        _ => "Internal Server Error",
    };
}
