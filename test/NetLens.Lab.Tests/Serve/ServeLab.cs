using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NetLens.Linux.Namespaces;

namespace NetLens.Lab.Tests.Serve;

/// <summary>A program started inside a lab namespace with `ip netns exec`, its stderr kept, killed with its children on dispose.</summary>
public sealed class NamespacedProcess : IDisposable
{
    private readonly StringBuilder _log = new();

    public NamespacedProcess(string netns, string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (string[])["netns", "exec", netns, file, .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        Process = Process.Start(info)!;
        Process.ErrorDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        Process.OutputDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        Process.BeginErrorReadLine();
        Process.BeginOutputReadLine();
    }

    public Process Process { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        Process.Dispose();
    }
}

/// <summary>HTTP/1.1 by hand over a socket opened in the lab namespace (the serve lab tests' client: no proxy, no pooling).</summary>
public static class ServeLab
{
    public static string Request(NetworkContext network, int port, string line, string headers = "", int receiveTimeoutMs = 10_000)
    {
        using var socket = network.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        socket.ReceiveTimeout = receiveTimeoutMs;
        socket.Connect(IPAddress.Loopback, port);
        socket.Send(Encoding.ASCII.GetBytes($"{line} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}Connection: close\r\n\r\n"));
        using var stream = new NetworkStream(socket);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>GET /probe?QUERY with Prometheus's scrape-timeout header, as a scrape sends it.</summary>
    public static string Probe(NetworkContext network, int port, string query, int scrapeTimeoutSeconds = 5) =>
        Request(network, port, $"GET /probe?{query}", $"X-Prometheus-Scrape-Timeout-Seconds: {scrapeTimeoutSeconds}\r\n", (scrapeTimeoutSeconds + 5) * 1000);

    /// <summary>A loopback TCP port free in the namespace right now.</summary>
    public static int FreePort(NetworkContext network)
    {
        using var socket = network.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public static void WaitListening(NetworkContext network, int port, int seconds = 30)
    {
        var deadline = Stopwatch.GetTimestamp() + (seconds * Stopwatch.Frequency);
        while (true)
        {
            using var socket = network.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
            try
            {
                socket.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (Stopwatch.GetTimestamp() < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>A temporary file path unique to this run.</summary>
    public static string TempPath(string name) => Path.Combine(Path.GetTempPath(), $"netlens-{name}-{Environment.ProcessId}-{Random.Shared.Next():x}");
}
