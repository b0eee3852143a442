using System.Text;
using NetLens.Linux.Files;

namespace NetLens.Linux.Firewall;

/// <summary>Text written through <see cref="SafeFileWriter"/>: a reader sees the old file or the new one, never half; links, owner and mode are kept.</summary>
public static class AtomicFile
{
    public static void Write(string path, string content) => SafeFileWriter.Write(path, Encoding.UTF8.GetBytes(content), "file");
}
