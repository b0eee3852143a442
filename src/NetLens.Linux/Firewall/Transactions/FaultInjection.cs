using System.Diagnostics;
using System.Globalization;

namespace NetLens.Linux.Firewall.Transactions;

/// <summary>
/// Test-only fault points, read from $NETLENS_FAULT, so the lab can cut a change at an exact step: "kill-after-batch:N"
/// (SIGKILL itself once the N-th transaction went in, as a crash or kill -9 would) and "fail-after-firewall" (fail
/// once every transaction went in, as an unwritable services file would). Unset, they do nothing.
/// </summary>
public static class FaultInjection
{
    public const string Variable = "NETLENS_FAULT";

    private static string? Fault => Environment.GetEnvironmentVariable(Variable);

    public static void AfterBatch(int applied)
    {
        if (Fault is { } fault && fault.StartsWith("kill-after-batch:", StringComparison.Ordinal)
            && int.TryParse(fault.AsSpan("kill-after-batch:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n == applied)
        {
            // Process.Kill on Linux is SIGKILL: no handler, no finally block runs
            using var self = Process.GetCurrentProcess();
            self.Kill();
        }
    }

    public static void AfterFirewall()
    {
        if (Fault == "fail-after-firewall")
        {
            throw new IOException($"fault injected by {Variable}=fail-after-firewall");
        }
    }
}
