using NetLens.Core.Firewall.Transactions;
using NetLens.Linux.Interop;

namespace NetLens.Linux.Firewall.Transactions;

/// <summary>
/// The journal file of one namespace. Written whole beside it, fsynced, renamed over, and the directory fsynced: after
/// a crash it is there complete or not at all, and when it is there the first batch may have gone in.
/// </summary>
public sealed class JournalStore(string path)
{
    public string Path { get; } = path;

    /// <summary>The journal left by an earlier run, or null when there is none.</summary>
    public ChangeJournal? Read()
    {
        // a sibling left by a run killed while writing it: that run changed nothing yet
        File.Delete(Temporary);
        if (!File.Exists(Path))
        {
            return null;
        }

        return JournalJson.Read(File.ReadAllText(Path))
            ?? throw new IOException($"{Path} is the journal of an interrupted change but cannot be read (check the firewall by hand, then remove the file)");
    }

    public void Write(ChangeJournal journal)
    {
        using (var stream = new FileStream(Temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using var writer = new StreamWriter(stream);
            writer.Write(JournalJson.Write(journal));
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(Temporary, Path, overwrite: true);
        SyncDirectory();
    }

    public void Delete()
    {
        File.Delete(Path);
        SyncDirectory();
    }

    private string Temporary => Path + ".tmp";

    /// <summary>fsync of the directory makes the rename (or the unlink) itself durable.</summary>
    private void SyncDirectory()
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        var fd = LibC.open(directory, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC);
        if (fd >= 0)
        {
            using var handle = new SafeFdHandle(fd);
            _ = LibC.fsync(handle);
        }
    }
}
