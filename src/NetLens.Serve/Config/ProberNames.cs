namespace NetLens.Serve.Config;

/// <summary>A prober's name as blackbox.yml spells it (tcp_syn has an underscore its enum member cannot carry).</summary>
public static class ProberNames
{
    public static string ConfigName(this ProberKind prober) => prober == ProberKind.TcpSyn ? "tcp_syn" : prober.ToString().ToLowerInvariant();
}
