namespace NetLens.Linux.Firewall;

/// <summary>Replaces a file by writing a sibling and renaming it over: a reader sees the old file or the new one, never half.</summary>
public static class AtomicFile
{
    public static void Write(string path, string content)
    {
        var temporary = $"{path}.netlens-{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, content);
        // keep the file's mode: /etc/services is world-readable, rules files often are not
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
        }

        File.Move(temporary, path, overwrite: true);
    }
}
