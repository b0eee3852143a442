using System.Diagnostics;
using System.Text.RegularExpressions;

namespace NetLens.Lab.Tests.Port;

/// <summary>What one native netlens run printed and returned (137 when it was SIGKILLed: 128 + 9).</summary>
public sealed record NativeRun(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// The issue's host for interrupted changes: iptables-nft for IPv4 and IPv6 and a native nftables table, each dropping,
/// so an open is three transactions (three tools) that must go in all or not at all. Runs the native binary with a
/// state directory of its own ($NETLENS_STATE_DIR), and fault points or a PATH of fake tools when asked.
/// </summary>
public sealed partial class TransactionLab : IDisposable
{
    private readonly OpenLab _lab;

    public TransactionLab()
    {
        _lab = new OpenLab(OpenLabFirewall.IptablesNft);
        try
        {
            var native = Shell.Run("ip", ["netns", "exec", _lab.Host, "nft", "-f", "-"], "table inet extra {\n chain input { type filter hook input priority 10; policy drop; ct state established,related accept; iif lo accept; meta l4proto ipv6-icmp accept; }\n}\n");
            if (native.ExitCode != 0)
            {
                throw new InvalidOperationException($"lab command failed: {native.Stderr}");
            }
        }
        catch
        {
            _lab.Dispose();
            throw;
        }
    }

    public static bool Available => OpenLab.Available(OpenLabFirewall.IptablesNft) && OpenLab.Available(OpenLabFirewall.Nftables);

    public string Host => _lab.Host;

    public string StateDirectory { get; } = Directory.CreateTempSubdirectory("netlens-state-").FullName;

    /// <summary>Every ruleset of the host, in the order its tools list it: iptables-save v4 and v6, then `nft list ruleset` (table order included).</summary>
    public string Listing() =>
        Normalize(Check(_lab.ExecHost("iptables-nft-save")) + Check(_lab.ExecHost("ip6tables-nft-save")) + Check(_lab.ExecHost("nft", "list", "ruleset")));

    /// <summary>How many rules with this comment each backend holds: iptables v4, ip6tables, the native table.</summary>
    public (int V4, int V6, int Nft) Rules(string comment) =>
        (Count(Check(_lab.ExecHost("iptables-nft-save")), comment),
         Count(Check(_lab.ExecHost("ip6tables-nft-save")), comment),
         Count(Check(_lab.ExecHost("nft", "list", "table", "inet", "extra")), comment));

    private static int Count(string listing, string comment) => Regex.Count(listing, Regex.Escape($"\"{comment}\""));

    public Process Start(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(NativeBinary.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["NETLENS_STATE_DIR"] = StateDirectory;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var argument in new[] { "--netns", Host, "port" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    public NativeRun Run(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        using var process = Start(environment, arguments);
        return Finish(process);
    }

    public static NativeRun Finish(Process process)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill();
            throw new TimeoutException("netlens did not finish in time");
        }

        return new NativeRun(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>A directory to put first on the child's PATH, holding one fake tool (FirewallTool.Find searches PATH first).</summary>
    public string FakeTool(string name, string script)
    {
        var bin = Path.Combine(StateDirectory, "bin");
        Directory.CreateDirectory(bin);
        var path = Path.Combine(bin, name);
        File.WriteAllText(path, script);
        Shell.Check("chmod", ["u+x", path]);
        return $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
    }

    public void Dispose()
    {
        _lab.Dispose();
        Directory.Delete(StateDirectory, recursive: true);
    }

    private static string Normalize(string listing) =>
        NftCounter().Replace(IptablesCounter().Replace(string.Join('\n', listing.Split('\n').Where(l => !l.StartsWith('#'))), "[]"), "counter");

    private static string Check(CommandResult result) =>
        result.ExitCode == 0 ? result.Stdout : throw new InvalidOperationException($"lab command failed: {result.Stderr}");

    [GeneratedRegex(@"\[\d+:\d+\]")]
    private static partial Regex IptablesCounter();

    [GeneratedRegex(@"counter packets \d+ bytes \d+")]
    private static partial Regex NftCounter();
}
