namespace NetLens.Lab;

/// <summary>Whether this process may build a lab (network namespaces need CAP_SYS_ADMIN; CI runs as root).</summary>
public static class LabPrivileges
{
    public static bool IsRoot => Environment.UserName == "root" || GetEffectiveUid() == 0;

    public static string SkipReason =>
        "lab tests build network namespaces and need root (CI runs them as root); run ./test.sh with sudo to include them";

    private static uint GetEffectiveUid()
    {
        // /proc/self/status "Uid: real effective saved fs": the effective uid decides.
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                var fields = line.Split('\t', StringSplitOptions.RemoveEmptyEntries);
                return uint.Parse(fields[2]);
            }
        }

        return uint.MaxValue;
    }
}
