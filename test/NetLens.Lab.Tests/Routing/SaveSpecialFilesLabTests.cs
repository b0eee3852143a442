namespace NetLens.Lab.Tests.Routing;

/// <summary>
/// `routes --save` into what is not a plain new file, run as users run it (the native binary): a full device is one
/// line and exit 1 and stays a device, a directory or an empty name is exit 2, an unwritable directory as nobody exit 3.
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
        Assert.Equal($"netlens: error: --save \"{_directory}\" is a directory (give a file path)\n", run.Stderr);
    }

    [Fact]
    public void An_empty_save_path_is_bad_usage_in_one_line()
    {
        var run = Shell.Run(NativeBinary.Path, ["routes", "--save", string.Empty]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("netlens: error: --save: the file name is empty (give a file path)\n", run.Stderr);
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
}
