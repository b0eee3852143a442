using System.Net;
using System.Net.Sockets;
using System.Text;
using NetLens.Serve;
using NetLens.Serve.Config;
using NetLens.Serve.Exposition;
using NetLens.Serve.Http;
using NetLens.Serve.Probing;

namespace NetLens.Cli.Tests.Serve;

/// <summary>
/// `limits:`: the probe rate caps (token buckets on a clock the test steps), their config, and the HTTP server's
/// bounds, the last against a real server on 127.0.0.1 spoken to over raw TCP so each byte sent is the test's choice.
/// </summary>
public sealed class ServeLimitsTests
{
    [Fact]
    public void A_bucket_gives_its_burst_then_one_token_per_refill_period_and_never_more_than_the_burst()
    {
        var clock = new ManualClock();
        var bucket = new TokenBucket(2, 3, clock);

        // Given a burst of 3 at 2/s, when 4 are taken at once, then the 4th waits half a second.
        Assert.True(bucket.TryTake(out _));
        Assert.True(bucket.TryTake(out _));
        Assert.True(bucket.TryTake(out _));
        Assert.False(bucket.TryTake(out var wait));
        Assert.Equal(0.5, wait.TotalSeconds, 6);

        // A quarter second later a quarter is left to wait; half a second later there is one token, not two.
        clock.Advance(TimeSpan.FromSeconds(0.25));
        Assert.False(bucket.TryTake(out wait));
        Assert.Equal(0.25, wait.TotalSeconds, 6);
        clock.Advance(TimeSpan.FromSeconds(0.25));
        Assert.True(bucket.TryTake(out _));
        Assert.False(bucket.TryTake(out _));

        // An hour idle refills to the burst only.
        clock.Advance(TimeSpan.FromHours(1));
        Assert.True(bucket.IsFull);
        Assert.Equal(3, Enumerable.Range(0, 10).Count(i => bucket.TryTake(out _)));
    }

    [Fact]
    public void A_rate_of_zero_is_no_cap()
    {
        var bucket = new TokenBucket(0, 1, new ManualClock());
        Assert.All(Enumerable.Range(0, 1000), i => Assert.True(bucket.TryTake(out _)));
    }

    [Fact]
    public void Each_target_has_its_own_bucket_and_new_limits_start_fresh_ones()
    {
        var clock = new ManualClock();
        var config = Config("limits: {target_probes_per_second: 1, target_probes_burst: 2}\n");
        var limiter = new ProbeLimiter(() => config, clock);
        var a = IPAddress.Parse("198.18.0.1");
        var b = IPAddress.Parse("198.18.0.2");

        Assert.True(limiter.TryTarget(a, out _));
        Assert.True(limiter.TryTarget(a, out _));
        Assert.False(limiter.TryTarget(a, out var wait));
        Assert.Equal(1, wait.TotalSeconds, 6);
        Assert.True(limiter.TryTarget(b, out _));

        // The IPv4-mapped form of a is a, not a new target with a full bucket.
        Assert.False(limiter.TryTarget(a.MapToIPv6(), out _));
        Assert.Equal(2, limiter.RefusedCount(ProbeRefusal.RateTarget));

        // When a reload brings other limits, a's bucket is new and full.
        config = Config("limits: {target_probes_per_second: 1, target_probes_burst: 3}\n");
        Assert.True(limiter.TryTarget(a, out _));

        var metrics = new MetricSet();
        limiter.AddTo(metrics);
        var text = TextExposition.Write(metrics);
        Assert.Contains("# TYPE netlens_probe_refused_total counter\n", text);
        Assert.Contains("netlens_probe_refused_total{reason=\"rate_target\"} 2\n", text);
        Assert.Contains("netlens_probe_refused_total{reason=\"rate_global\"} 0\n", text);
        Assert.Contains("netlens_probe_refused_total{reason=\"not_allowed\"} 0\n", text);
    }

    [Fact]
    public void Limits_are_read_from_the_config_and_default_when_absent()
    {
        Assert.Equal(LimitSettings.Default, Config("modules: {}\n").Limits);
        Assert.Equal(new LimitSettings(50, 100, 5, 10, 8192, 65536, 256), LimitSettings.Default);

        var limits = Config("""
            limits:
              probes_per_second: 20
              probes_burst: 40
              target_probes_per_second: 0.5
              target_probes_burst: 2
              max_header_bytes: 4096
              max_body_bytes: 0
              max_connections: 16
            """).Limits;
        Assert.Equal(new LimitSettings(20, 40, 0.5, 2, 4096, 0, 16), limits);

        // One key given, the others stay at their defaults.
        Assert.Equal(LimitSettings.Default with { MaxConnections = 8 }, Config("limits: {max_connections: 8}\n").Limits);
    }

    [Fact]
    public void A_chunked_body_is_walked_to_its_end_in_any_split_and_refused_once_its_sizes_pass_the_limit()
    {
        var body = "4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\nTrailer: x\r\n\r\n"u8.ToArray();
        for (var split = 0; split <= body.Length; split++)
        {
            var chunked = new ChunkedBody(100);
            var first = chunked.Feed(body.AsSpan(0, split));
            var state = first == ChunkedState.NeedMore ? chunked.Feed(body.AsSpan(split)) : first;
            Assert.Equal(ChunkedState.Done, state);
            Assert.Equal(9, chunked.Length);
        }

        // A size line announcing more than the limit is refused before its data comes.
        Assert.Equal(ChunkedState.TooLarge, new ChunkedBody(100).Feed("80\r\n"u8));
        var growing = new ChunkedBody(100);
        Assert.Equal(ChunkedState.NeedMore, growing.Feed("32\r\n"u8.ToArray().Concat(new byte[50]).Concat("\r\n"u8.ToArray()).ToArray()));
        Assert.Equal(ChunkedState.TooLarge, growing.Feed("33\r\n"u8));
        Assert.Equal(ChunkedState.Malformed, new ChunkedBody(100).Feed("zz\r\n"u8));
        Assert.Equal(ChunkedState.Malformed, new ChunkedBody(100).Feed("1\r\naXY"u8));
    }

    [Fact]
    public async Task Nine_kib_of_headers_is_431_and_a_ten_megabyte_content_length_is_413_before_any_body()
    {
        await using var serve = await ServeUnderTest.StartAsync("modules: {}\n");

        var padding = string.Concat(Enumerable.Range(0, 96).Select(i => $"X-Pad-{i:D2}: {new string('a', 86)}\r\n"));
        Assert.InRange(padding.Length, 9 * 1024, 10 * 1024);
        var big = await Raw.SendAsync(serve.Port, $"GET /metrics HTTP/1.1\r\nHost: t\r\n{padding}\r\n", serve.Stop);
        Assert.StartsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n", big, StringComparison.Ordinal);

        // The head alone is sent; the answer must come without the body.
        var body = await Raw.SendAsync(serve.Port, "POST /-/reload HTTP/1.1\r\nHost: t\r\nContent-Length: 10485760\r\n\r\n", serve.Stop);
        Assert.StartsWith("HTTP/1.1 413 Content Too Large\r\n", body, StringComparison.Ordinal);

        // A head of exactly max_header_bytes (the default 8192, request line and headers) is answered; one byte more is not.
        const string start = "GET /metrics HTTP/1.1\r\nHost: t\r\nX-Pad: ";
        var exact = await Raw.SendAsync(serve.Port, start + new string('a', 8192 - start.Length) + "\r\n\r\n", serve.Stop);
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", exact, StringComparison.Ordinal);
        var over = await Raw.SendAsync(serve.Port, start + new string('a', 8193 - start.Length) + "\r\n\r\n", serve.Stop);
        Assert.StartsWith("HTTP/1.1 431 ", over, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Twenty_probes_against_a_global_cap_of_five_are_five_answers_and_fifteen_429s_counted()
    {
        // A burst of 5 that refills once in 1000 s: no token comes back while the test runs.
        await using var serve = await ServeUnderTest.StartAsync(
            "modules:\n  icmp:\n    prober: icmp\n    timeout: 2s\n    icmp:\n      preferred_ip_protocol: ip4\n" +
            "probe_allow: [127.0.0.0/8]\nlimits: {probes_per_second: 0.001, probes_burst: 5}\n");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            Raw.SendAsync(serve.Port, "GET /probe?target=127.0.0.1&module=icmp HTTP/1.1\r\nHost: t\r\n\r\n", serve.Stop)));

        Assert.Equal(5, answers.Count(a => a.StartsWith("HTTP/1.1 200 ", StringComparison.Ordinal)));
        var refused = answers.Where(a => a.StartsWith("HTTP/1.1 429 Too Many Requests\r\n", StringComparison.Ordinal)).ToList();
        Assert.Equal(15, refused.Count);
        Assert.All(refused, a => Assert.Matches("\r\nRetry-After: [1-9][0-9]*\r\n", a));
        var metrics = await Raw.SendAsync(serve.Port, "GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n", serve.Stop);
        Assert.Contains("\nnetlens_probe_refused_total{reason=\"rate_global\"} 15\n", metrics);
        Assert.Contains("\nnetlens_probe_refused_total{reason=\"rate_target\"} 0\n", metrics);
        Assert.Equal(15, serve.LogLines.Count(l => l.Contains("msg=\"Probe refused: over the rate cap\" limit=probes_per_second", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task One_target_over_its_cap_is_429_while_another_still_answers_and_a_reload_with_new_limits_frees_it()
    {
        await using var serve = await ServeUnderTest.StartAsync(
            "modules:\n  icmp:\n    prober: icmp\n    timeout: 2s\n    icmp:\n      preferred_ip_protocol: ip4\n" +
            "probe_allow: [127.0.0.0/8]\nlimits: {target_probes_per_second: 0.001, target_probes_burst: 3}\n");
        string Probe(string target) => $"GET /probe?target={target}&module=icmp HTTP/1.1\r\nHost: t\r\n\r\n";

        for (var i = 0; i < 3; i++)
        {
            Assert.StartsWith("HTTP/1.1 200 ", await Raw.SendAsync(serve.Port, Probe("127.0.0.1"), serve.Stop), StringComparison.Ordinal);
        }

        var over = await Raw.SendAsync(serve.Port, Probe("127.0.0.1"), serve.Stop);
        Assert.StartsWith("HTTP/1.1 429 ", over, StringComparison.Ordinal);
        Assert.Contains("\r\nRetry-After: 1000\r\n", over);
        var other = await Raw.SendAsync(serve.Port, Probe("127.0.0.2"), serve.Stop);
        Assert.StartsWith("HTTP/1.1 200 ", other, StringComparison.Ordinal);
        Assert.Contains("\nprobe_success 1\n", other);

        // Outside probe_allow: the 403 as before, counted as not_allowed.
        Assert.StartsWith("HTTP/1.1 403 ", await Raw.SendAsync(serve.Port, Probe("198.18.0.1"), serve.Stop), StringComparison.Ordinal);
        var metrics = await Raw.SendAsync(serve.Port, "GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n", serve.Stop);
        Assert.Contains("\nnetlens_probe_refused_total{reason=\"rate_target\"} 1\n", metrics);
        Assert.Contains("\nnetlens_probe_refused_total{reason=\"not_allowed\"} 1\n", metrics);

        // When the file gets a larger burst and is reloaded, 127.0.0.1 has a fresh bucket.
        serve.Rewrite("modules:\n  icmp:\n    prober: icmp\n    timeout: 2s\n    icmp:\n      preferred_ip_protocol: ip4\n" +
            "probe_allow: [127.0.0.0/8]\nlimits: {target_probes_per_second: 0.001, target_probes_burst: 4}\n");
        Assert.StartsWith("HTTP/1.1 200 ", await Raw.SendAsync(serve.Port, "POST /-/reload HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n", serve.Stop), StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200 ", await Raw.SendAsync(serve.Port, Probe("127.0.0.1"), serve.Stop), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_never_finishes_its_head_gets_408_and_one_past_max_connections_gets_503()
    {
        var limits = new HttpLimits(1024, 64, 2) { HeadTimeout = TimeSpan.FromMilliseconds(400) };
        await using var server = await ServerUnderTest.StartAsync(limits);

        // Given two connections holding their slots with half a head each,
        using var first = await Raw.ConnectAsync(server.Port, "GET /a HTTP/1.1\r\nHost:", server.Stop);
        using var second = await Raw.ConnectAsync(server.Port, "GET /b HTTP/1.1\r\nHost:", server.Stop);
        await Task.Delay(50, server.Stop);

        // when a third comes, then it is turned away at once, and the two slow ones get 408 once their time is up.
        var third = await Raw.SendAsync(server.Port, "GET /c HTTP/1.1\r\nHost: t\r\n\r\n", server.Stop);
        Assert.StartsWith("HTTP/1.1 503 Service Unavailable\r\n", third, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 408 Request Timeout\r\n", await Raw.ReadAllAsync(first.GetStream(), server.Stop), StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 408 Request Timeout\r\n", await Raw.ReadAllAsync(second.GetStream(), server.Stop), StringComparison.Ordinal);
        Assert.Equal(0, server.Handled);

        // With the slots free again, a whole request is answered.
        first.Dispose();
        second.Dispose();
        await WaitForAnswerAsync(server, "GET /d HTTP/1.1\r\nHost: t\r\n\r\n", "HTTP/1.1 200 OK\r\n");
    }

    [Fact]
    public async Task Bodies_within_max_body_bytes_are_read_and_dropped_and_a_chunked_one_that_grows_past_it_is_413()
    {
        var limits = new HttpLimits(1024, 64, 8);
        await using var server = await ServerUnderTest.StartAsync(limits);

        var sized = await Raw.SendAsync(server.Port, $"POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 64\r\n\r\n{new string('b', 64)}", server.Stop);
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", sized, StringComparison.Ordinal);
        var chunked = await Raw.SendAsync(server.Port, "POST /x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n" + new string('c', 32) + "\r\n0\r\n\r\n", server.Stop);
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", chunked, StringComparison.Ordinal);
        Assert.Equal(2, server.Handled);

        // 32 + 33 bytes announced: the second size line is over 64, answered before its data is sent.
        var grown = await Raw.SendAsync(server.Port, "POST /x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n" + new string('c', 32) + "\r\n21\r\n", server.Stop);
        Assert.StartsWith("HTTP/1.1 413 Content Too Large\r\n", grown, StringComparison.Ordinal);
        var both = await Raw.SendAsync(server.Port, "POST /x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n", server.Stop);
        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", both, StringComparison.Ordinal);
        Assert.Equal(2, server.Handled);
    }

    private static async Task WaitForAnswerAsync(ServerUnderTest server, string request, string expected)
    {
        // The server frees a slot when its side of the connection is done; poll, bounded, until it has.
        for (var attempt = 0; ; attempt++)
        {
            var answer = await Raw.SendAsync(server.Port, request, server.Stop);
            if (answer.StartsWith(expected, StringComparison.Ordinal) || attempt == 50)
            {
                Assert.StartsWith(expected, answer, StringComparison.Ordinal);
                return;
            }

            await Task.Delay(100, server.Stop);
        }
    }

    private static ServeConfig Config(string text) => ServeConfigReader.Read(text, "x.yml");

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    /// <summary>Raw HTTP/1.1 over TCP: the request's bytes exactly as written, the answer read to the server's close.</summary>
    private static class Raw
    {
        public static async Task<TcpClient> ConnectAsync(int port, string bytes, CancellationToken cancellation)
        {
            var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, cancellation);
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(bytes), cancellation);
            return client;
        }

        public static async Task<string> SendAsync(int port, string request, CancellationToken cancellation)
        {
            using var client = await ConnectAsync(port, request, cancellation);
            return await ReadAllAsync(client.GetStream(), cancellation);
        }

        public static async Task<string> ReadAllAsync(NetworkStream stream, CancellationToken cancellation)
        {
            using var answer = new MemoryStream();
            await stream.CopyToAsync(answer, cancellation);
            return Encoding.ASCII.GetString(answer.ToArray());
        }
    }

    /// <summary>An in-process `netlens serve` on 127.0.0.1:0 with a config file of its own, its log kept.</summary>
    private sealed class ServeUnderTest : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));
        private readonly StringWriter _log = new();
        private readonly string _path;
        private Task _running = Task.CompletedTask;

        private ServeUnderTest(string path) => _path = path;

        public int Port { get; private set; }

        public CancellationToken Stop => _stop.Token;

        public IReadOnlyList<string> LogLines
        {
            get
            {
                lock (_log)
                {
                    return _log.ToString().Split('\n');
                }
            }
        }

        public static Task<ServeUnderTest> StartAsync(string config)
        {
            var serve = new ServeUnderTest(Path.Combine(Path.GetTempPath(), $"netlens-limits-{Environment.ProcessId}-{Guid.NewGuid():N}.yml"));
            serve.Rewrite(config);
            var host = ServeHost.Start(new ServeRequest(serve._path, new IPEndPoint(IPAddress.Loopback, 0), null), serve._log);
            serve.Port = ((IPEndPoint)host.LocalEndPoint).Port;
            serve._running = host.RunAsync(serve._stop.Token);
            return Task.FromResult(serve);
        }

        public void Rewrite(string config) => File.WriteAllText(_path, config);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _running;
            _stop.Dispose();
            File.Delete(_path);
        }
    }

    /// <summary>The bare HTTP server with the given limits and a handler that answers 200 and counts its calls.</summary>
    private sealed class ServerUnderTest : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));
        private Task _running = Task.CompletedTask;
        private int _handled;

        public int Port { get; private set; }

        public int Handled => Volatile.Read(ref _handled);

        public CancellationToken Stop => _stop.Token;

        public static Task<ServerUnderTest> StartAsync(HttpLimits limits)
        {
            var server = new ServerUnderTest();
            var listener = HttpServer.Listen(new IPEndPoint(IPAddress.Loopback, 0));
            server.Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
            var http = new HttpServer(listener, (_, _) =>
            {
                Interlocked.Increment(ref server._handled);
                return Task.FromResult(new HttpAnswer(200, "text/plain", "ok\n"));
            }, () => limits);
            server._running = RunAsync(http, listener, server._stop.Token);
            return Task.FromResult(server);
        }

        private static async Task RunAsync(HttpServer http, Socket listener, CancellationToken cancellation)
        {
            using (listener)
            {
                await http.RunAsync(cancellation);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _running;
            _stop.Dispose();
        }
    }
}
