using System.Text.Json;
using System.Text.RegularExpressions;

namespace NetLens.Lab.Tests.Doctor;

/// <summary>
/// doctor traces its probe through nftables (meta nftrace, a table of its own): the cause names the chain and the rule
/// by the handle and text `nft -a list ruleset` shows in that namespace, and the ruleset is left as it was.
/// </summary>
public partial class DoctorNftraceLabTests
{
    private static readonly string Target = $"{DoctorLab.ServerAddress}:{DoctorLab.Port}";

    [SkippableFact]
    public void A_peer_input_drop_is_named_by_chain_handle_and_text_and_both_rulesets_are_left_byte_for_byte()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorLab();
        DoctorLab.Nft(lab.Server, "table inet ntin { chain input { type filter hook input priority 0; policy accept; tcp dport 8080 drop; }\n}");
        var (server, client) = (Ruleset(lab.Server), Ruleset(lab.Client));
        var (handle, text) = DropRule(lab.Server);

        var json = Blocked(lab.DoctorWithPeer(Target, "--timeout", "1"), "peer_firewall");

        Assert.Equal($"inet ntin/input rule handle {handle}: {text} (verdict drop)", json.GetProperty("cause").GetProperty("rule").GetString());
        var traced = Steps(json, "nftables_trace");
        Assert.Contains(traced, s => s.GetProperty("status").GetString() == "drop" && s.GetProperty("detail").GetString()!.StartsWith(lab.Server.Name, StringComparison.Ordinal));
        Assert.Equal(server, Ruleset(lab.Server));
        Assert.Equal(client, Ruleset(lab.Client));
    }

    [SkippableFact]
    public void A_local_output_drop_is_named_by_chain_handle_and_text_and_the_ruleset_is_left_byte_for_byte()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorLab();
        DoctorLab.Nft(lab.Client, "table inet ntout { chain output { type filter hook output priority 0; policy accept; ip daddr 198.18.61.2 tcp dport 8080 drop; }\n}");
        var before = Ruleset(lab.Client);
        var (handle, text) = DropRule(lab.Client);

        var json = Blocked(lab.Doctor(Target, "--timeout", "1"), "local_firewall");

        Assert.Equal($"inet ntout/output rule handle {handle}: {text} (verdict drop)", json.GetProperty("cause").GetProperty("rule").GetString());
        Assert.Contains($"traced: inet ntout/output rule handle {handle}", Steps(json, "local_firewall")[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, Ruleset(lab.Client));
    }

    [SkippableFact]
    public void An_iptables_nft_drop_is_traced_too_and_named_in_the_ip_filter_table()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorLab();
        DoctorLab.Check(lab.Server.Exec("iptables-nft", "-A", "INPUT", "-p", "tcp", "--dport", "8080", "-j", "DROP"));

        // the probe itself moves the rule's counter (iptables-nft always counts): the ruleset is compared without counter values
        var before = lab.Server.Exec("nft", "-s", "list", "ruleset").Stdout;
        var (handle, text) = DropRule(lab.Server);

        var json = Blocked(lab.DoctorWithPeer(Target, "--timeout", "1"), "peer_firewall");

        var rule = json.GetProperty("cause").GetProperty("rule").GetString()!;
        Assert.StartsWith($"ip filter/INPUT rule handle {handle}: ", rule, StringComparison.Ordinal);
        Assert.EndsWith("(verdict drop)", rule, StringComparison.Ordinal);
        Assert.Contains("tcp dport 8080", rule, StringComparison.Ordinal);
        Assert.Contains("tcp dport 8080", text, StringComparison.Ordinal);
        Assert.Equal(before, lab.Server.Exec("nft", "-s", "list", "ruleset").Stdout);
    }

    [SkippableFact]
    public void A_healthy_path_is_traced_as_accepted_and_leaves_no_table_behind()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var lab = new DoctorLab();
        DoctorLab.Nft(lab.Server, "table inet ntok { chain input { type filter hook input priority 0; policy accept; tcp dport 8080 accept; }\n}");
        var before = Ruleset(lab.Server);

        var run = lab.DoctorWithPeer(Target);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var peer = Steps(Parse(run), "nftables_trace").Single(s => s.GetProperty("detail").GetString()!.StartsWith(lab.Server.Name, StringComparison.Ordinal));
        Assert.Equal("ok", peer.GetProperty("status").GetString());
        Assert.StartsWith($"{lab.Server.Name}: accept by inet ntok/input rule handle ", peer.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, Ruleset(lab.Server));
        Assert.DoesNotContain("netlens_trace", lab.Client.Exec("nft", "list", "ruleset").Stdout, StringComparison.Ordinal);
    }

    private static string Ruleset(LabNamespace where)
    {
        var listed = where.Exec("nft", "list", "ruleset");
        DoctorLab.Check(listed);
        return listed.Stdout;
    }

    /// <summary>The one drop rule of the namespace as `nft -a list ruleset` lists it: its handle and its text without the handle comment.</summary>
    private static (long Handle, string Text) DropRule(LabNamespace where)
    {
        var listed = where.Exec("nft", "-a", "list", "ruleset").Stdout;
        var match = Assert.Single(DropLine().Matches(listed));
        return (long.Parse(match.Groups["handle"].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups["text"].Value.Trim());
    }

    [GeneratedRegex(@"^\s*(?<text>.*\bdrop) # handle (?<handle>\d+)$", RegexOptions.Multiline)]
    private static partial Regex DropLine();

    private static JsonElement Blocked(NetLensRun run, string kind)
    {
        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        var json = Parse(run);
        Assert.True(kind == json.GetProperty("cause").GetProperty("kind").GetString(), run.Stdout);
        return json;
    }

    private static JsonElement Parse(NetLensRun run)
    {
        Json.JsonSchemaCheck.AssertValid("doctor", run.Stdout);
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }

    private static List<JsonElement> Steps(JsonElement json, string kind) =>
        [.. json.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("kind").GetString() == kind)];
}
