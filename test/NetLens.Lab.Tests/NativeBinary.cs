namespace NetLens.Lab.Tests;

/// <summary>The NativeAOT netlens users run (artifacts/bin/netlens), built through ./netlens when missing.</summary>
public static class NativeBinary
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The binary, rebuilt first if the sources are newer (./netlens does that, once per test run).</summary>
    public static string Path => Built.Value;

    private static readonly Lazy<string> Built = new(() =>
    {
        // ./netlens publishes when the binary is missing or older than the sources; --version is the cheapest call.
        Shell.Check(System.IO.Path.Combine(RepositoryRoot, "netlens"), ["--version"]);
        return System.IO.Path.Combine(RepositoryRoot, "artifacts", "bin", "netlens");
    });

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "NetLens.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (NetLens.slnx) above " + AppContext.BaseDirectory);
    }
}
