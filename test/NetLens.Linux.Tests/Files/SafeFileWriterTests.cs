using System.Diagnostics;
using System.Runtime.Versioning;
using NetLens.Core;
using NetLens.Linux.Files;

namespace NetLens.Linux.Tests.Files;

/// <summary>What is at the path decides how it is written: nothing the user had is replaced by something else.</summary>
[SupportedOSPlatform("linux")]
public sealed class SafeFileWriterTests : IDisposable
{
    private static readonly byte[] Content = "new content\n"u8.ToArray();
    private readonly string _directory = Directory.CreateTempSubdirectory("netlens-files-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_regular_file_is_replaced_keeping_its_mode_and_no_temporary_file_is_left()
    {
        var path = PathOf("rules");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        SafeFileWriter.Write(path, Content, "--save");

        Assert.Equal(Content, File.ReadAllBytes(path));
        Assert.Equal(0x180u, Status(path).Mode);
        Assert.Equal(["rules"], Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void A_new_file_gets_the_default_mode()
    {
        var path = PathOf("new.json");

        SafeFileWriter.Write(path, Content, "--save");

        Assert.Equal(Content, File.ReadAllBytes(path));
        var umask = Convert.ToUInt32(Run("sh", "-c", "umask").Trim(), 8);
        Assert.Equal(0x1B6u & ~umask, Status(path).Mode);
    }

    [Fact]
    public void A_symlink_stays_a_link_and_its_target_gets_the_content()
    {
        var target = PathOf("target");
        File.WriteAllText(target, "old");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var link = PathOf("link");
        File.CreateSymbolicLink(link, "target");

        SafeFileWriter.Write(link, Content, "--save");

        Assert.Equal(FileKind.SymbolicLink, Status(link, follow: false).Kind);
        Assert.Equal("target", new FileInfo(link).LinkTarget);
        Assert.Equal(Content, File.ReadAllBytes(target));
        Assert.Equal(0x1A0u, Status(target).Mode);
    }

    [Fact]
    public void A_chain_of_links_is_followed_to_the_final_target_even_when_it_is_not_there_yet()
    {
        var first = PathOf("first");
        File.CreateSymbolicLink(PathOf("second"), PathOf("final"));
        File.CreateSymbolicLink(first, "second");

        SafeFileWriter.Write(first, Content, "--save");

        Assert.Equal(FileKind.SymbolicLink, Status(first, follow: false).Kind);
        Assert.Equal(FileKind.SymbolicLink, Status(PathOf("second"), follow: false).Kind);
        Assert.Equal(Content, File.ReadAllBytes(PathOf("final")));
    }

    [Fact]
    public void A_hard_linked_file_is_written_in_place_so_every_name_sees_it()
    {
        var path = PathOf("a");
        File.WriteAllText(path, "old, and longer than the new content");
        Run("ln", path, PathOf("b"));

        SafeFileWriter.Write(path, Content, "--save");

        Assert.Equal(Content, File.ReadAllBytes(PathOf("b")));
        Assert.Equal(Content, File.ReadAllBytes(path));
        Assert.Equal(2u, Status(path).Links);
    }

    [Fact]
    public async Task A_fifo_is_written_through_to_its_reader()
    {
        var fifo = PathOf("fifo");
        Run("mkfifo", fifo);
        var reader = Task.Run(() => File.ReadAllBytes(fifo));

        SafeFileWriter.Write(fifo, Content, "--save");

        Assert.Equal(Content, await reader.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(FileKind.Special, Status(fifo, follow: false).Kind);
    }

    [Fact]
    public void Dev_full_is_a_write_error_of_one_line_and_stays_a_device()
    {
        var e = Assert.Throws<IOException>(() => SafeFileWriter.Write("/dev/full", Content, "--save"));

        Assert.Equal("cannot write \"/dev/full\": No space left on device (free some space, or choose another file)", e.Message);
        Assert.Equal(FileKind.Special, Status("/dev/full", follow: false).Kind);
    }

    [Fact]
    public void Dev_null_takes_the_content_and_stays_a_device()
    {
        SafeFileWriter.Write("/dev/null", Content, "--save");

        Assert.Equal(FileKind.Special, Status("/dev/null", follow: false).Kind);
    }

    [Fact]
    public void A_directory_is_bad_usage()
    {
        var e = Assert.Throws<UsageException>(() => SafeFileWriter.Write(_directory, Content, "--save"));

        Assert.Equal($"--save \"{_directory}\" is a directory (give a file path)", e.Message);
    }

    [Fact]
    public void An_empty_path_is_bad_usage()
    {
        var e = Assert.Throws<UsageException>(() => SafeFileWriter.Write(string.Empty, Content, "--save"));

        Assert.Equal("--save: the file name is empty (give a file path)", e.Message);
    }

    [Fact]
    public void A_missing_directory_is_bad_usage()
    {
        var path = PathOf("nope/file");

        var e = Assert.Throws<UsageException>(() => SafeFileWriter.Write(path, Content, "--save"));

        Assert.Contains("its directory does not exist", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Another_users_private_file_stays_theirs_and_private()
    {
        Skip.IfNot(Environment.IsPrivilegedProcess, "chown to another user needs root");
        var path = PathOf("theirs");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Run("chown", "65534:65534", path);

        SafeFileWriter.Write(path, Content, "--save");

        var status = Status(path);
        Assert.Equal(Content, File.ReadAllBytes(path));
        Assert.Equal((0x180u, 65534u, 65534u), (status.Mode, status.Uid, status.Gid));
    }

    [Fact]
    public void A_new_backup_never_replaces_one_that_is_there_and_takes_the_originals_mode()
    {
        var original = PathOf("conf");
        File.WriteAllText(original, "original");
        File.SetUnixFileMode(original, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var backup = PathOf("conf.bak");

        var first = SafeFileWriter.TryCreateNew(backup, "one"u8, original);
        var second = SafeFileWriter.TryCreateNew(backup, "two"u8, original);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal("one", File.ReadAllText(backup));
        Assert.Equal(0x180u, Status(backup).Mode);
    }

    private string PathOf(string name) => Path.Combine(_directory, name);

    private static FileStatus Status(string path, bool follow = true) =>
        FileStatus.Of(path, follow) ?? throw new InvalidOperationException($"{path} is not there");

    private static string Run(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} failed: {process.StandardError.ReadToEnd()}");
    }
}
