namespace NetLens.Lab.Tests.Readme;

/// <summary>
/// The README's demo namespace (test/lab/demo-namespace.sh) under a name of this run: the lab's prefix and pid, so
/// parallel runs never clash and a killed run's namespaces are swept; the script's --delete removes it and its helpers.
/// </summary>
public sealed class DemoWorld : IDisposable
{
    private static readonly string Script = Path.Combine(NativeBinary.RepositoryRoot, "test", "lab", "demo-namespace.sh");

    private DemoWorld(string name) => Name = name;

    public string Name { get; }

    public static DemoWorld Up()
    {
        var world = new DemoWorld($"nlab{Environment.ProcessId}-demo{Random.Shared.Next(0x10000):x4}");
        var up = Shell.Run("bash", [Script, world.Name], timeout: TimeSpan.FromMinutes(1));
        if (up.ExitCode != 0)
        {
            world.Dispose();
            throw new InvalidOperationException($"demo-namespace.sh {world.Name} failed: {up.Stderr}");
        }

        return world;
    }

    public void Dispose() => Shell.Run("bash", [Script, Name, "--delete"]);
}
