using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NetLens.Linux.Namespaces;

namespace NetLens.Lab.Tests.Serve;

/// <summary>
/// The one-shot netlens binary carries no OpenTelemetry SDK (it cost start-up); `serve --otlp-endpoint` hands its process
/// over to netlens-otlp. Run as users run it: the native binary, its pid kept, pushing real OTLP/HTTP to a collector.
/// </summary>
public sealed class ServeOtlpHandoverLabTests
{
    [Fact]
    public async Task The_native_serve_hands_over_to_netlens_otlp_in_the_same_process_and_pushes_otlp()
    {
        using var collector = new TcpListener(IPAddress.Loopback, 0);
        collector.Start();
        var config = ServeLab.TempPath("otlp-handover.yml");
        File.WriteAllText(config, "continuous:\n  interval: 20ms\n  targets: [127.0.0.1]\n");
        var info = new ProcessStartInfo(NativeBinary.Path) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["serve", "--config", config, "--listen", $"127.0.0.1:{ServeLab.FreePort(NetworkContext.For(null))}", "--otlp-endpoint", $"http://127.0.0.1:{((IPEndPoint)collector.LocalEndpoint).Port}", "--otlp-interval", "200ms"])
        {
            info.ArgumentList.Add(argument);
        }

        using var serve = Process.Start(info)!;
        try
        {
            // When the first push arrives,
            using var client = await collector.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(20));
            var (head, body) = ReadRequest(client.GetStream());

            // then it is OTLP/HTTP protobuf carrying the instruments, and the process that sent it is the one started,
            // now running netlens-otlp's image.
            Assert.StartsWith("POST /v1/metrics HTTP/1.1", head, StringComparison.Ordinal);
            Assert.Contains("Content-Type: application/x-protobuf", head, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("netlens.probes.sent", Encoding.ASCII.GetString(body), StringComparison.Ordinal);
            Assert.False(serve.HasExited);
            Assert.Equal(Path.Combine(Path.GetDirectoryName(NativeBinary.Path)!, "netlens-otlp"), File.ResolveLinkTarget($"/proc/{serve.Id}/exe", false)!.FullName);
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            serve.WaitForExit();
            File.Delete(config);
        }
    }

    [Fact]
    public void The_one_shot_binary_links_no_opentelemetry_and_netlens_otlp_does()
    {
        static bool Mentions(string binary) => File.ReadAllBytes(binary).AsSpan().IndexOf("OpenTelemetry.Exporter.OpenTelemetryProtocol"u8) >= 0;

        Assert.False(Mentions(NativeBinary.Path), "the OpenTelemetry SDK is linked into the one-shot netlens binary");
        Assert.True(Mentions(Path.Combine(Path.GetDirectoryName(NativeBinary.Path)!, "netlens-otlp")));
    }

    /// <summary>One HTTP/1.1 request: the head as text, the body by Content-Length; answered 200 so the exporter is content.</summary>
    private static (string Head, byte[] Body) ReadRequest(NetworkStream stream)
    {
        var bytes = new List<byte>();
        while (bytes.Count < 4 || !(bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            var next = stream.ReadByte();
            Assert.NotEqual(-1, next);
            bytes.Add((byte)next);
        }

        var head = Encoding.ASCII.GetString([.. bytes]);
        var length = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).Single();
        var body = new byte[length];
        stream.ReadExactly(body);
        stream.Write("HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\nContent-Length: 0\r\n\r\n"u8);
        return (head, body);
    }
}
