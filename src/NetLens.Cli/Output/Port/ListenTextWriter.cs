using NetLens.Core.PortTest;

namespace NetLens.Cli.Output.Port;

/// <summary>`port listen` for people: one line per connection or datagram answered.</summary>
public static class ListenTextWriter
{
    public static void WriteEvent(TextWriter output, ListenEvent e) =>
        output.WriteLine(e.Protocol == "tcp"
            ? $"tcp connection from {e.From}"
            : $"udp {e.Bytes} bytes from {e.From}{(e.FromNetlens ? " (netlens port test), answered" : ", echoed")}");
}
