namespace NetLens.Linux.Proc;

/// <summary>A process's name (the comm field of /proc/PID/stat), read when a netlink socket's port id names its owner.</summary>
public static class ProcessStatNames
{
    /// <summary>Null when the process is gone or unreadable: the caller shows the number.</summary>
    public static string? Find(int pid, string procRoot = ProcPaths.Root)
    {
        try
        {
            var name = SocketOwnerScanner.ParseStatName(File.ReadAllText($"{procRoot}/{pid}/stat"));
            return name.Length > 0 ? name : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            return null;
        }
    }
}
