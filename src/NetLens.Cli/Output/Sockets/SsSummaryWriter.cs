using System.Globalization;
using NetLens.Core.Sockets;

namespace NetLens.Cli.Output.Sockets;

/// <summary>The sheet's `ss -s` layout, with synrecv, ports and both timewait figures back, then a findings block.</summary>
public static class SsSummaryWriter
{
    public static void Write(TextWriter output, SocketSummary summary, IReadOnlyList<SocketFinding> findings)
    {
        var s = summary;
        output.Write(string.Create(CultureInfo.InvariantCulture, $"Total: {s.Total}\n"));
        output.Write(string.Create(
            CultureInfo.InvariantCulture,
            $"TCP:   {s.TcpTotal} (estab {s.Established}, closed {s.Closed}, orphaned {s.Orphaned}, synrecv {s.SynRecv}, timewait {s.TimeWait}/{s.TimeWaitCounter}), ports {s.Ports}\n"));
        output.Write("\nTransport Total     IP        IPv6\n");
        foreach (var row in s.Transport)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"{row.Name}\t  {row.Total,-9} {row.Ipv4,-9} {row.Ipv6,-9}\n"));
        }

        if (findings.Count > 0)
        {
            output.Write("\nFindings\n");
            FindingsWriter.Write(output, findings);
        }
    }
}

/// <summary>One finding per line, a sentence each.</summary>
public static class FindingsWriter
{
    public static void Write(TextWriter output, IReadOnlyList<SocketFinding> findings)
    {
        foreach (var finding in findings)
        {
            output.Write("  ");
            output.Write(finding.Message);
            output.Write('\n');
        }
    }
}
