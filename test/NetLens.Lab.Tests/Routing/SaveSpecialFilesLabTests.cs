using System.Diagnostics;

namespace NetLens.Lab.Tests.Routing;

/// <summary>
/// `routes --save` into what is not a plain new file, run as users run it (the native binary): a full device is one
/// line and exit 1 and stays a device, a directory or an empty name is exit 2, an unwritable directory as nobody exit 3;
/// a FIFO's reader gets the snapshot, a symlink stays a link and its target gets it, every name of a hard-linked file
/// sees it, and another user's private file stays theirs and private.
/// </summary>
public sealed class SaveSpecialFilesLabTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("netlens-save-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Saving_to_dev_full_fails_in_one_line_and_leaves_the_device()
    {
        var run = Shell.Run(NativeBinary.Path, ["routes", "--save", "/dev/full"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("netlens: error: cannot write \"/dev/full\": No space left on device (free some space, or choose another file)\n", run.Stderr);
        Assert.Equal("character special file\n", Shell.Run("stat", ["-c", "%F", "/dev/full"]).Stdout);
    }

    [Fact]
    public void Saving_to_a_directory_is_bad_usage_in_one_line()
    {
        var run = Shell.Run(NativeBinary.Path, ["routes", "--save", _directory]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"netlens: error: --save \"{_directory}\" is a directory (name a file) (see 'netlens routes --help')\n", run.Stderr);
    }

    [Fact]
    public void An_empty_save_path_is_bad_usage_in_one_line()
    {
        var run = Shell.Run(NativeBinary.Path, ["routes", "--save", string.Empty]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("netlens: error: --save needs a file name, not an empty one (see 'netlens routes --help')\n", run.Stderr);
    }

    [Fact]
    public async Task Saving_to_a_fifo_hands_the_snapshot_to_its_reader_and_leaves_the_fifo()
    {
        var fifo = Path.Combine(_directory, "fifo");
        Shell.Check("mkfifo", [fifo]);
        using var reader = Process.Start(new ProcessStartInfo("cat", [fifo]) { RedirectStandardOutput = true })!;
        try
        {
            var received = reader.StandardOutput.ReadToEndAsync();

            var run = Shell.Run(NativeBinary.Path, ["routes", "--save", fifo], timeout: TimeSpan.FromSeconds(30));

            Assert.True(run.ExitCode == 0, run.Stderr);
            AssertSnapshot(await received.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal("fifo\n", Shell.Check("stat", ["-c", "%F", fifo]));
        }
        finally
        {
            if (!reader.HasExited)
            {
                reader.Kill();
            }
        }
    }

    [Fact]
    public void Saving_to_a_symlink_writes_its_target_and_keeps_the_link()
    {
        var target = Path.Combine(_directory, "routes.real.json");
        var link = Path.Combine(_directory, "routes.json");
        File.WriteAllText(target, "old");
        Shell.Check("chmod", ["0640", target]);
        File.CreateSymbolicLink(link, "routes.real.json");

        var run = Shell.Run(NativeBinary.Path, ["routes", "--save", link]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.StartsWith("symbolic link ", Stat(link), StringComparison.Ordinal);
        Assert.Equal("routes.real.json", new FileInfo(link).LinkTarget);
        Assert.StartsWith("regular file ", Stat(target), StringComparison.Ordinal);
        Assert.EndsWith(" 640 1\n", Stat(target), StringComparison.Ordinal);
        AssertSnapshot(File.ReadAllText(target));
    }

    [Fact]
    public void Saving_to_a_hard_linked_file_is_seen_by_its_other_name()
    {
        var path = Path.Combine(_directory, "routes.json");
        var other = Path.Combine(_directory, "routes-too.json");
        File.WriteAllText(path, "old");
        Shell.Check("ln", [path, other]);

        var run = Shell.Run(NativeBinary.Path, ["routes", "--save", path]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        AssertSnapshot(File.ReadAllText(other));
        Assert.Equal(File.ReadAllText(path), File.ReadAllText(other));
        Assert.EndsWith(" 2\n", Stat(other), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Saving_over_another_users_private_file_keeps_its_owner_and_mode()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var path = Path.Combine(_directory, "routes.json");
        File.WriteAllText(path, "old");
        Shell.Check("chown", ["65534:65534", path]);
        Shell.Check("chmod", ["0600", path]);

        var run = Shell.Run(NativeBinary.Path, ["routes", "--save", path]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("regular file 65534:65534 600 1\n", Stat(path));
        AssertSnapshot(File.ReadAllText(path));
        Assert.Equal(["routes.json"], Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName));
    }

    [SkippableFact]
    public void Saving_as_nobody_into_a_directory_it_cannot_write_is_exit_3_with_the_fix()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var locked = Path.Combine(_directory, "root-only");
        Directory.CreateDirectory(locked);
        Shell.Check("chmod", ["0755", _directory, locked]);
        var path = Path.Combine(locked, "routes.json");

        var run = Shell.Run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", NativeBinary.Path, "routes", "--save", path]);

        Assert.Equal(3, run.ExitCode);
        Assert.Equal($"netlens: error: cannot write \"{path}\": permission denied (run it with sudo, or choose a path you can write)\n", run.Stderr);
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFileSystemEntries(locked));
    }

    /// <summary>A whole snapshot arrived: the document's start and its final newline.</summary>
    private static void AssertSnapshot(string text)
    {
        Assert.StartsWith("{\"format\":\"netlens-routing-snapshot\",\"version\":1,", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
    }

    /// <summary>The path itself (not what a link points to): kind, owner:group, mode and hard link count as stat prints them.</summary>
    private static string Stat(string path) => Shell.Check("stat", ["-c", "%F %u:%g %a %h", path]);
}
