using NetLens.Cli.Output.Json;
using NetLens.Core.PortTest;

namespace NetLens.Cli.Output.Port;

/// <summary>`port listen --json`: what was bound and every connection or datagram answered, written when listening stops.</summary>
public sealed record ListenDocument(int Port, IReadOnlyList<string> Bound, IReadOnlyList<ListenEventDocument> Events);

public sealed record ListenEventDocument(string Protocol, string From, int FromPort, int Bytes, bool NetlensProbe);

public static class ListenJsonWriter
{
    public static void Write(TextWriter output, int port, IEnumerable<string> bound, IReadOnlyList<ListenEvent> events)
    {
        var document = new ListenDocument(port, [.. bound],
            [.. events.Select(e => new ListenEventDocument(e.Protocol, e.From.Address.ToString(), e.From.Port, e.Bytes, e.FromNetlens))]);
        JsonOutput.Write(output, document);
    }
}
