namespace NetLens.Lab.Tests.Completion;

/// <summary>
/// The completion scripts as the shells run them: bash and zsh (through bashcompinit) call the function with the line
/// and cursor, fish answers `complete -C`; the names offered are the lab namespace's own interface and address.
/// </summary>
public sealed class CompletionLabTests
{
    [SkippableFact]
    public void Bash_offers_subcommands_options_choices_and_the_namespaces_own_names()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var ns = LabNamespace.Create("cpl");
        ns.Ip("link add nlc0 type veth peer name nlc1");
        ns.Ip("addr add 198.18.91.1/24 dev nlc0");
        var script = Write("bash");
        var bin = NativeBinary.Path;

        Assert.Contains("get", Bash(script, $"{bin} route g"));
        Assert.Contains("--from", Bash(script, $"{bin} route get 198.18.91.9 --fr"));
        Assert.Equal(["ip", "route", "table"], Bash(script, $"{bin} routes --format ").Order());
        Assert.Contains(ns.Name, Bash(script, $"{bin} --netns "));
        Assert.Contains("nlc0", Bash(script, $"{bin} --netns {ns.Name} route get 198.18.91.9 --iif "));
        Assert.Contains("198.18.91.1", Bash(script, $"{bin} --netns {ns.Name} route get 198.18.91.9 --from 198.18."));
        // the option's value is not taken for a subcommand: `--netns route` stays at the top
        Assert.Contains("routes", Bash(script, $"{bin} --netns route rou"));
    }

    [SkippableFact]
    public void Zsh_runs_the_same_functions_through_bashcompinit()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var script = Write("zsh");
        var bin = NativeBinary.Path;
        var result = Shell.Run("zsh", ["-f", "-c", $$"""
            autoload -U compinit && compinit -u -D
            source {{script}}
            print -r -- "registered=${_comps[netlens]}"
            COMP_LINE='{{bin}} port che'; COMP_POINT=${#COMP_LINE}
            emulate sh -c __netlens_complete
            print -r -- "reply=${COMPREPLY[*]}"
            """]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("registered=_bash_complete", result.Stdout);
        // bashcompinit's compgen leaves the prefix match to zsh's compadd: the reply is port's subcommands
        Assert.Matches(@"reply=.*\bcheck\b", result.Stdout);
        Assert.DoesNotContain("routes", result.Stdout);
    }

    [SkippableFact]
    public void Fish_completes_commands_options_and_interfaces()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        using var ns = LabNamespace.Create("cplf");
        ns.Ip("link add nlf0 type veth peer name nlf1");
        var script = Write("fish");
        var folder = Directory.CreateTempSubdirectory("netlens-fish-");
        try
        {
            File.CreateSymbolicLink(Path.Combine(folder.FullName, "netlens"), NativeBinary.Path);
            var result = Shell.Run("env", [$"PATH={folder.FullName}:/usr/bin:/bin", "fish", "--no-config", "-c", $"""
                source {script}
                complete -C 'netlens route g'
                complete -C 'netlens --netns {ns.Name} route get 1.1.1.1 --iif '
                complete -C 'netlens routes --format '
                """]);
            Assert.True(result.ExitCode == 0, result.Stderr);
            var words = result.Stdout.Split('\n').Select(l => l.Split('\t')[0]).ToList();
            Assert.Contains("get", words);
            Assert.Contains("nlf0", words);
            Assert.Contains("route", words);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Write(string shell)
    {
        var path = Path.Combine(Path.GetTempPath(), $"netlens-completion-{Guid.NewGuid():N}.{shell}");
        File.WriteAllText(path, Shell.Check(NativeBinary.Path, ["completion", shell]));
        return path;
    }

    private static List<string> Bash(string script, string line)
    {
        var result = Shell.Run("bash", ["--norc", "-c", """
            source "$1"
            COMP_LINE="$2"; COMP_POINT=${#COMP_LINE}
            __netlens_complete
            printf '%s\n' "${COMPREPLY[@]}"
            """, "bash", script, line]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}
