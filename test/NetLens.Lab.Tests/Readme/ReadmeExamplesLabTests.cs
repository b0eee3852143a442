using System.Text.RegularExpressions;
using NetLens.Cli.Output.Manual;

namespace NetLens.Lab.Tests.Readme;

/// <summary>
/// Every example of the README runs in the demo namespace it claims (test/lab/demo-namespace.sh, built fresh for each
/// fenced block, so each block shows what a reader gets on a new one) and prints what the README shows: the same rows
/// and words, with only what changes from run to run masked (<see cref="ReadmeOutput"/>). Examples without --netns
/// run inside it, as the README says.
/// </summary>
public sealed partial class ReadmeExamplesLabTests
{
    /// <summary>The examples that do not run here, each with why; every other "$ " line of the README runs.</summary>
    private static readonly Dictionary<string, string> NotRun = new(StringComparer.Ordinal)
    {
        ["source <(netlens completion bash)         # or save it as /usr/share/bash-completion/completions/netlens"] =
            "loads completions into the reader's own shell; it prints nothing to compare (CompletionLabTests run the scripts in bash, zsh and fish)",
        ["netlens completion zsh > \"${fpath[1]}/_netlens\""] =
            "writes into the reader's zsh configuration and prints nothing (CompletionLabTests)",
        ["netlens completion fish > ~/.config/fish/completions/netlens.fish"] =
            "writes into the reader's fish configuration and prints nothing (CompletionLabTests)",
        ["netlens routes -4 --table main"] =
            "taken beside a vxlan tunnel the demo world does not have; TunnelOriginLabTests build one and compare with ip -d link",
        ["netlens sockets -uanp"] =
            "the vxlan tunnel's kernel socket; TunnelOriginLabTests",
        ["netlens sockets -tn 'dport = :ssh'"] =
            "an ssh connection in a lab of its own; SsOptionsLabTests.A_service_name_in_the_filter_selects_what_ss_selects compares it with ss",
        ["netlens sockets -tnOm"] =
            "the same lab's connections; SsOptionsLabTests.Oneline_prints_one_line_per_socket_as_ss_does",
        ["sudo netlens sockets -tnE        # meanwhile both ends of the ssh connection close; Ctrl-C ends it"] =
            "runs until Ctrl-C while a connection closes; SsOptionsLabTests.Events_print_a_line_for_a_socket_closed_during_the_run closes one and reads the events",
        ["sudo netlens sockets -K -tn 'dport = :http-alt'"] =
            "kills a connection the demo world does not hold; SsOptionsLabTests.Kill_closes_the_matching_socket_and_leaves_the_others",
        ["sudo netlens -v trace -r -n -c 5 -i 0.05 198.18.2.2     # lab: the target drops everything"] =
            "taken in a lab whose target drops everything; TraceSeamsLabTests build it and compare with mtr",
        ["sudo netlens trace -r -n -c 5 -i 0.05 198.18.2.2        # lab: the source's output chain drops 198.18.2.2"] =
            "needs an output chain that drops; TraceSeamsLabTests build it",
        ["sudo netlens scan -sS --reason -p 22,23 198.18.41.2"] =
            "needs a target one router hop away (ttl 63); RouterHopScanLabTests compare it with nmap",
        ["sudo netlens scan -sS -Pn -T2 -p 22,23 --host-timeout 1500ms 198.18.41.3 198.18.41.2"] =
            "needs a silent host behind a router; RouterHopScanLabTests compare it with nmap",
        ["sudo netlens --netns nldoc-a doctor 198.18.71.2:8080 --peer-netns nldoc-b --fix"] =
            "taken in test/lab/doctor-lab.sh's world; DoctorFaultLabTests check every fault it names",
        ["sudo netlens --netns nldoc-a doctor 198.18.71.2:9090"] =
            "taken in test/lab/doctor-lab.sh's world; DoctorFaultLabTests.A_router_that_drops_is_a_filtered_path_after_its_hop",
        ["cat serve.yml"] =
            "the serve example's config file, shown; BlackboxCompatibilityLabTests run serve",
        ["netlens serve --config serve.yml --listen 127.0.0.1:19117"] =
            "a server that runs until stopped; BlackboxCompatibilityLabTests run it beside blackbox_exporter",
        ["curl -s 'http://127.0.0.1:19117/probe?target=127.0.0.1&module=icmp'"] =
            "asks the server above; BlackboxCompatibilityLabTests",
    };

    private const string Nobody = "setpriv --reuid=65534 --regid=65534 --clear-groups ";

    [SkippableFact]
    public void Every_README_example_prints_in_the_demo_namespace_what_the_README_shows()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var examples = ReadmeExamples.Examples(File.ReadLines(Path.Combine(NativeBinary.RepositoryRoot, "README.md"))).ToList();
        Assert.All(NotRun.Keys, key => Assert.Contains(examples, e => e.CommandLine == key));
        Assert.Contains(examples, e => e.CommandLine.Contains("scan", StringComparison.Ordinal));

        var scratch = Directory.CreateTempSubdirectory("netlens-readme-");
        try
        {
            // port open --name edits /etc/services by renaming a new file over it: the examples see a copy of /etc
            // mounted over the real one in a mount namespace of their own, so the host's file is never touched
            var etc = Path.Combine(scratch.FullName, "etc");
            Shell.Run("cp", ["-a", "/etc", etc]);
            Assert.True(File.Exists(Path.Combine(etc, "services")), "copying /etc failed");
            var bin = Directory.CreateDirectory(Path.Combine(scratch.FullName, "bin")).FullName;
            File.CreateSymbolicLink(Path.Combine(bin, "netlens"), NativeBinary.Path);
            var work = Directory.CreateDirectory(Path.Combine(scratch.FullName, "work")).FullName;

            var failures = new List<string>();
            var ran = 0;
            foreach (var block in examples.Where(e => !NotRun.ContainsKey(e.CommandLine)).GroupBy(e => e.Block))
            {
                using var world = DemoWorld.Up();
                foreach (var example in block)
                {
                    var (expected, actual) = Run(example, world.Name, etc, bin, work);
                    ran++;
                    if (!ReadmeOutput.Matches(ReadmeOutput.Normalize(expected), ReadmeOutput.Normalize(actual)))
                    {
                        failures.Add($"$ {example.CommandLine}\n--- README:\n{string.Join('\n', expected)}\n--- in {world.Name}:\n{string.Join('\n', actual)}");
                    }
                }
            }

            Assert.True(failures.Count == 0, $"{failures.Count} of {ran} README examples print something else:\n\n" + string.Join("\n\n", failures));
            Assert.True(ran >= 39, $"only {ran} examples ran");
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static (IReadOnlyList<string> Expected, IReadOnlyList<string> Actual) Run(ManExample example, string ns, string etc, string bin, string work)
    {
        var command = Demo().Replace(Sudo().Replace(example.CommandLine, string.Empty), ns);
        if (command.Contains("$ netlens port test", StringComparison.Ordinal))
        {
            return SideBySide(example, command, ns, etc, bin, work);
        }

        if (command.StartsWith("cat questions.txt", StringComparison.Ordinal))
        {
            // the block shows the file before asking about it: it is the file
            File.WriteAllLines(Path.Combine(work, "questions.txt"), example.Output);
        }
        else if (command.Contains("# the second time", StringComparison.Ordinal))
        {
            // "the second time" needs the first, which the README does not show
            Exec(command[..command.IndexOf('#', StringComparison.Ordinal)] + " >/dev/null", ns, etc, bin, work);
        }
        else if (command.Contains("routes --watch", StringComparison.Ordinal))
        {
            // the changes the README names happen while it watches; --count ends it after them
            command = $"netlens --netns {ns} routes --watch --count 3 & sleep 1; " +
                $"ip -n {ns} route add 198.18.40.0/24 via 198.18.1.1 proto static; ip -n {ns} rule add fwmark 0x20 lookup 100 priority 150; " +
                $"ip -n {ns} route del 198.18.40.0/24; wait";
        }
        else if (command.Contains("# as an ordinary user", StringComparison.Ordinal))
        {
            command = Nobody + command;
        }

        return (example.Output, Exec(command, ns, etc, bin, work));
    }

    /// <summary>"$ netlens port listen …   $ netlens port test …": two terminals side by side, each column its own output.</summary>
    private static (IReadOnlyList<string>, IReadOnlyList<string>) SideBySide(ManExample example, string command, string ns, string etc, string bin, string work)
    {
        var column = ("$ " + example.CommandLine).IndexOf("$ netlens port test", StringComparison.Ordinal);
        var split = command.IndexOf("$ netlens port test", StringComparison.Ordinal);
        var (left, right) = (command[..split].Trim(), command[(split + 2)..].Trim());
        Exec($"({left}) > left.out 2>&1 & sleep 0.5; ({right}) > right.out 2>&1; wait", ns, etc, bin, work);
        // a line is split where the right terminal's text begins after a gap, near the right prompt's column; a longer
        // line of the left terminal runs on unsplit
        int Right(string l) => RightColumn().Match(l) is { Success: true } m && Math.Abs(m.Groups[1].Index - column) <= 2 ? m.Groups[1].Index : l.Length;
        var expected = example.Output.Select(l => l[..Right(l)])
            .Concat(example.Output.Select(l => l[Right(l)..]))
            .Where(l => l.Trim().Length > 0).ToList();
        var actual = File.ReadAllLines(Path.Combine(work, "left.out")).Concat(File.ReadAllLines(Path.Combine(work, "right.out"))).ToList();
        return (expected, actual);
    }

    private static List<string> Exec(string command, string ns, string etc, string bin, string work)
    {
        const string Inner = """mount --bind "$1" /etc && cd "$2" && export PATH="$3:$PATH" && exec ip netns exec "$4" bash -c "exec 2>&1; $5" """;
        var result = Shell.Run("unshare", ["-m", "bash", "-c", Inner, "readme", etc, work, bin, ns, command], timeout: TimeSpan.FromMinutes(2));
        var lines = (result.Stdout + result.Stderr).Split('\n').ToList();
        while (lines.Count > 0 && lines[^1].Trim().Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        // the README names the namespace nldemo; this run's name is its own
        return [.. lines.Select(l => l.Replace(ns, "nldemo", StringComparison.Ordinal))];
    }

    [GeneratedRegex(@"\bnldemo\b")]
    private static partial Regex Demo();

    [GeneratedRegex(@"\s{2,}(\S.*)$")]
    private static partial Regex RightColumn();

    [GeneratedRegex(@"^sudo ")]
    private static partial Regex Sudo();
}
