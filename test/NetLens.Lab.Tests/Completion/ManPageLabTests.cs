using NetLens.Cli.Hosting;
using NetLens.Cli.Output.Completion;

namespace NetLens.Lab.Tests.Completion;

/// <summary>`netlens man DIR --readme README.md`: a page per command that man(1) renders without a warning, naming every option of the command, with the README's examples.</summary>
public sealed class ManPageLabTests
{
    [SkippableFact]
    public void Every_command_has_a_page_with_every_option_and_man_renders_it_cleanly()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var folder = Directory.CreateTempSubdirectory("netlens-man-");
        try
        {
            Shell.Check(NativeBinary.Path, ["man", folder.FullName, "--readme", Path.Combine(NativeBinary.RepositoryRoot, "README.md")]);
            var tree = CommandNode.Walk(NetLensApp.BuildRoot(new CliOutput(TextWriter.Null, TextWriter.Null, outputRedirected: true)));
            foreach (var node in tree)
            {
                var page = Path.Combine(folder.FullName, node.Path.Length == 0 ? "netlens.1" : $"netlens-{node.Path.Replace(' ', '-')}.1");
                var rendered = Shell.Run("env", ["MANWIDTH=200", "LC_ALL=C.UTF-8", "man", "--warnings", "-l", page]);
                Assert.True(rendered.ExitCode == 0, rendered.Stderr);
                Assert.True(rendered.Stderr.Length == 0, $"{page}: {rendered.Stderr}");
                Assert.All(node.Options.SelectMany(o => o.Names), name => Assert.Contains(name, rendered.Stdout));
            }

            var routeGet = Shell.Check("env", ["MANWIDTH=200", "man", "-l", Path.Combine(folder.FullName, "netlens-route-get.1")]);
            Assert.Contains("EXAMPLES", routeGet);
            Assert.Contains("$ netlens --netns nldemo route get 198.18.150.7", routeGet);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
