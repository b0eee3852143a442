using System.Text.Json;

namespace NetLens.Lab.Tests.Trace;

/// <summary>Runs `netlens trace --json` from the chain's source namespace and reads the document.</summary>
internal static class TraceRuns
{
    /// <summary>In this process, as root: raw sockets are there, so ICMP and TCP probes go raw.</summary>
    public static JsonElement Json(TraceChainLab lab, string target, params string[] arguments)
    {
        var run = NetLensRunner.Run(["--netns", lab.Source.Name, "--json", "trace", "-n", target, .. arguments]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement;
    }

    /// <summary>The native binary as nobody inside the source namespace: no CAP_NET_RAW, no namespace switching.</summary>
    public static JsonElement NobodyJson(TraceChainLab lab, string target, params string[] arguments)
    {
        var run = lab.AsNobody(NativeBinary.Path, ["--json", "trace", "-n", target, .. arguments]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement;
    }

    public static List<JsonElement> Hops(JsonElement trace) => [.. trace.GetProperty("hops").EnumerateArray()];

    /// <summary>Every hop's only responding address, in TTL order (fails if a hop has several).</summary>
    public static string[] HopAddresses(JsonElement trace) =>
        [.. Hops(trace).Select(h => Assert.Single(h.GetProperty("hosts").EnumerateArray()).GetProperty("address").GetString()!)];

    public static string[] LossKinds(JsonElement trace) => [.. Hops(trace).Select(h => h.GetProperty("loss_kind").GetString()!)];

    public static double[] LossPercents(JsonElement trace) => [.. Hops(trace).Select(h => h.GetProperty("loss_pct").GetDouble())];

    public static string Mechanism(JsonElement trace) => trace.GetProperty("mechanism").GetString()!;
}
