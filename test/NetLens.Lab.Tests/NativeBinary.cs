namespace NetLens.Lab.Tests;

/// <summary>The NativeAOT netlens users run (artifacts/bin/netlens), built through ./netlens when missing.</summary>
public static class NativeBinary
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Path
    {
        get
        {
            var path = System.IO.Path.Combine(RepositoryRoot, "artifacts", "bin", "netlens");
            if (!File.Exists(path))
            {
                // ./netlens publishes the binary on first use; --version is the cheapest thing to ask.
                Shell.Check(System.IO.Path.Combine(RepositoryRoot, "netlens"), ["--version"]);
            }

            return path;
        }
    }

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
