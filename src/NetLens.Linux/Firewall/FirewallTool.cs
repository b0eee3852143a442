using System.Diagnostics;
using NetLens.Core;
using NetLens.Linux.Namespaces;

namespace NetLens.Linux.Firewall;

/// <summary>What a firewall program printed and returned.</summary>
public sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>
/// Runs the firewall's own programs (nft, iptables-restore, iptables-save): they are the backends' interface. With a
/// namespace, the program is started from a thread inside it: setns(2) is per thread and a child inherits the
/// namespace of the thread that forked it, so the program sees that namespace's ruleset and not the host's.
/// </summary>
public sealed class FirewallTool(NetworkContext context)
{
    private static readonly string[] SearchPath = ["/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin"];

    public NetworkContext Context { get; } = context;

    /// <summary>The namespace the programs run in, as the user named it; null for the current one.</summary>
    public string? Netns => Context.Netns;

    /// <summary>The program's full path, or null when it is not installed.</summary>
    public static string? Find(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(':', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return path.Concat(SearchPath).Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
    }

    public static bool Exists(string program) => Find(program) is not null;

    public ToolResult Run(string program, IReadOnlyList<string> arguments, string? stdin = null) =>
        Context.Run(() => Start(program, arguments, stdin));

    /// <summary>Runs a program that must succeed; its stdout.</summary>
    public string Check(string program, IReadOnlyList<string> arguments)
    {
        var result = Run(program, arguments);
        return result.Succeeded ? result.Stdout : throw Failure(program, arguments, result);
    }

    public static Exception Failure(string program, IReadOnlyList<string> arguments, ToolResult result)
    {
        var message = $"{program} {string.Join(' ', arguments)} failed (exit {result.ExitCode}): {OneLine(result.Stderr)}";
        return result.Stderr.Contains("Operation not permitted", StringComparison.Ordinal) || result.Stderr.Contains("Permission denied", StringComparison.Ordinal)
            ? new MissingPrivilegeException(message, "changing the firewall needs root or CAP_NET_ADMIN: run it with sudo")
            : new IOException(message);
    }

    public static string OneLine(string text) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static ToolResult Start(string program, IReadOnlyList<string> arguments, string? stdin)
    {
        var path = Find(program) ?? throw new IOException($"{program} is not installed");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new IOException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            try
            {
                process.StandardInput.Write(stdin);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // the program stopped reading (it failed early): its exit code and stderr say why
            }
        }

        process.WaitForExit();
        return new ToolResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
