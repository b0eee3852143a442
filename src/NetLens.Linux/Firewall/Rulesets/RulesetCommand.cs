using System.Diagnostics;
using NetLens.Core;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Firewall.Rulesets;

/// <summary>Runs one of the firewall's own listing tools (nft, iptables-save) — the backends' interface — inside a namespace when asked.</summary>
internal static class RulesetCommand
{
    private static readonly string[] SearchPath = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(SearchPath)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    /// <summary>The tool's stdout; null when it is not installed. A refusal for want of privilege throws <see cref="MissingPrivilegeException"/>.</summary>
    public static string? Run(string program, string[] arguments, string? netns)
    {
        if (Find(program) is not { } path)
        {
            return null;
        }

        // fork() copies the calling thread's namespaces, so a child started inside NetworkNamespace.Run lives in that namespace
        var result = netns is null ? Start(path, arguments) : NetworkNamespace.Run(netns, () => Start(path, arguments));
        if (result.ExitCode == 0)
        {
            return result.Stdout;
        }

        if (result.Stderr.Contains("Operation not permitted", StringComparison.Ordinal) || result.Stderr.Contains("Permission denied", StringComparison.Ordinal))
        {
            throw new MissingPrivilegeException($"{program} cannot read the ruleset without CAP_NET_ADMIN", "run it with sudo");
        }

        throw new IOException($"{program} {string.Join(' ', arguments)} failed: {result.Stderr.Trim()}");
    }

    private static (int ExitCode, string Stdout, string Stderr) Start(string path, string[] arguments)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new IOException($"cannot start {path}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }
}
