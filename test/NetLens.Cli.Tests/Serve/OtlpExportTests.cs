using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using NetLens.Serve;
using NetLens.Serve.Continuous;
using NetLens.Serve.Otlp;

namespace NetLens.Cli.Tests.Serve;

/// <summary>
/// `serve --otlp-endpoint`: an in-process serve probing 127.0.0.1 continuously pushes OTLP/HTTP protobuf to a collector
/// stand-in on loopback; the pushed request is decoded field by field (the OTLP metrics proto) and must carry the three
/// instruments with the target's attributes, smokeping's bucket bounds, and the counts /metrics shows.
/// </summary>
public sealed partial class OtlpExportTests
{
    [Fact]
    public async Task The_continuous_instruments_reach_an_otlp_collector_with_the_counts_metrics_shows()
    {
        using var collector = new CollectorStandIn();
        var config = Path.Combine(Path.GetTempPath(), $"netlens-otlp-{Environment.ProcessId}-{Random.Shared.Next():x}.yml");
        File.WriteAllText(config, "continuous:\n  interval: 20ms\n  targets: [127.0.0.1]\n");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var host = ServeHost.Start(new ServeRequest(config, new IPEndPoint(IPAddress.Loopback, 0), null)
        {
            Otlp = new OtlpSettings(new Uri($"http://127.0.0.1:{collector.Port}"), TimeSpan.FromMilliseconds(300)),
            OtlpRecorder = settings => new OtlpProbeRecorder(settings),
        }, TextWriter.Null);
        var running = host.RunAsync(stop.Token);
        try
        {
            // Given pushes arriving, when one carries at least 20 echoes,
            Export? export = null;
            while (!stop.IsCancellationRequested && (export is null || export.Sent < 20))
            {
                await Task.Delay(100, stop.Token);
                export = collector.Bodies.LastOrDefault() is { } body ? Export.Decode(body) : null;
            }

            Assert.NotNull(export);
            Assert.Equal("/v1/metrics", collector.Paths.Last());
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)host.LocalEndPoint).Port}") };
            var metrics = await http.GetStringAsync("/metrics", stop.Token);
            var exposed = double.Parse(SentLine().Match(metrics).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

            // Then it names the three instruments with target and name, the histogram has smokeping's bounds and counts
            // every reply, and /metrics (read after the push) has counted at least as many echoes, not many more.
            Assert.Equal(["netlens.probes.received", "netlens.probes.sent", "netlens.rtt"], export.Names.Order(StringComparer.Ordinal));
            Assert.Equal(new Dictionary<string, string> { ["target"] = "127.0.0.1", ["name"] = "127.0.0.1" }, export.Attributes);
            Assert.Equal(RttBuckets.UpperBounds, export.Bounds);
            Assert.Equal((ulong)export.Received, export.HistogramCount);
            Assert.InRange(export.Received, export.Sent - 2, export.Sent);
            Assert.InRange(exposed, export.Sent, export.Sent + 200);
        }
        finally
        {
            await stop.CancelAsync();
            await running;
            File.Delete(config);
        }
    }

    [GeneratedRegex("""netlens_probes_sent_total\{name="127.0.0.1",target="127.0.0.1"\} (\d+)""")]
    private static partial Regex SentLine();

    /// <summary>What the test reads out of one ExportMetricsServiceRequest.</summary>
    private sealed record Export(List<string> Names, Dictionary<string, string> Attributes, long Sent, long Received, ulong HistogramCount, List<double> Bounds)
    {
        public static Export Decode(byte[] request)
        {
            var export = new Export([], [], 0, 0, 0, []);
            long sent = 0, received = 0;
            ulong count = 0;
            foreach (var resource in Fields(request).Where(f => f.Number == 1))
            {
                foreach (var scope in Fields(resource.Bytes).Where(f => f.Number == 2))
                {
                    foreach (var metric in Fields(scope.Bytes).Where(f => f.Number == 2))
                    {
                        var fields = Fields(metric.Bytes).ToList();
                        var name = Encoding.UTF8.GetString(fields.Single(f => f.Number == 1).Bytes);
                        export.Names.Add(name);
                        if (fields.FirstOrDefault(f => f.Number == 7) is { Bytes: not null } sum)
                        {
                            // Sum.data_points (1) → NumberDataPoint: attributes 7, as_int 6 (sfixed64).
                            var point = Fields(Fields(sum.Bytes).First(f => f.Number == 1).Bytes).ToList();
                            ReadAttributes(point.Where(f => f.Number == 7), export.Attributes);
                            var value = (long)point.Single(f => f.Number == 6).Fixed;
                            if (name == "netlens.probes.sent")
                            {
                                sent = value;
                            }
                            else
                            {
                                received = value;
                            }
                        }

                        if (fields.FirstOrDefault(f => f.Number == 9) is { Bytes: not null } histogram)
                        {
                            // HistogramDataPoint: count 4 (fixed64), explicit_bounds 7 (packed doubles).
                            var point = Fields(Fields(histogram.Bytes).First(f => f.Number == 1).Bytes).ToList();
                            count = point.Single(f => f.Number == 4).Fixed;
                            var bounds = point.Single(f => f.Number == 7).Bytes;
                            for (var i = 0; i + 8 <= bounds.Length; i += 8)
                            {
                                export.Bounds.Add(BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(bounds.AsSpan(i))));
                            }
                        }
                    }
                }
            }

            return export with { Sent = sent, Received = received, HistogramCount = count };
        }

        private static void ReadAttributes(IEnumerable<Field> keyValues, Dictionary<string, string> into)
        {
            foreach (var keyValue in keyValues)
            {
                var parts = Fields(keyValue.Bytes).ToList();
                var key = Encoding.UTF8.GetString(parts.Single(f => f.Number == 1).Bytes);
                var value = Encoding.UTF8.GetString(Fields(parts.Single(f => f.Number == 2).Bytes).Single(f => f.Number == 1).Bytes);
                into[key] = value;
            }
        }

        /// <summary>The protobuf wire format's fields: varint (0), fixed64 (1), length-delimited (2), fixed32 (5).</summary>
        private static IEnumerable<Field> Fields(byte[] message)
        {
            var offset = 0;
            while (offset < message.Length)
            {
                var tag = Varint(message, ref offset);
                var number = (int)(tag >> 3);
                switch (tag & 7)
                {
                    case 0:
                        yield return new Field(number, Varint(message, ref offset), null!);
                        break;
                    case 1:
                        yield return new Field(number, BinaryPrimitives.ReadUInt64LittleEndian(message.AsSpan(offset)), null!);
                        offset += 8;
                        break;
                    case 2:
                        var length = (int)Varint(message, ref offset);
                        yield return new Field(number, 0, message[offset..(offset + length)]);
                        offset += length;
                        break;
                    case 5:
                        yield return new Field(number, BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(offset)), null!);
                        offset += 4;
                        break;
                    default:
                        throw new InvalidDataException($"wire type {tag & 7}");
                }
            }
        }

        private static ulong Varint(byte[] data, ref int offset)
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = data[offset++];
                value |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }
    }

    private sealed record Field(int Number, ulong Fixed, byte[] Bytes);

    /// <summary>An OTLP/HTTP collector stand-in: keeps each POST's path and body, answers 200 with an empty response.</summary>
    private sealed class CollectorStandIn : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<byte[]> _bodies = [];
        private readonly List<string> _paths = [];

        public CollectorStandIn()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public IReadOnlyList<byte[]> Bodies
        {
            get
            {
                lock (_bodies)
                {
                    return [.. _bodies];
                }
            }
        }

        public IReadOnlyList<string> Paths
        {
            get
            {
                lock (_bodies)
                {
                    return [.. _paths];
                }
            }
        }

        public void Dispose() => _listener.Stop();

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync();
                    _ = ServeAsync(client);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    while (true)
                    {
                        var head = new StringBuilder();
                        var one = new byte[1];
                        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
                        {
                            if (await stream.ReadAsync(one) == 0)
                            {
                                return;
                            }

                            head.Append((char)one[0]);
                        }

                        var lines = head.ToString().Split("\r\n");
                        var length = lines.Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
                        var body = new byte[length];
                        await stream.ReadExactlyAsync(body);
                        lock (_bodies)
                        {
                            _paths.Add(lines[0].Split(' ')[1]);
                            _bodies.Add(body);
                        }

                        await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\nContent-Length: 0\r\n\r\n"u8.ToArray());
                    }
                }
                catch (IOException)
                {
                    // The exporter hung up.
                }
            }
        }
    }
}
