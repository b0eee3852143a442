namespace NetLens.Lab.Tests.Hosting;

/// <summary>
/// The native binary with a full or closed stdout (`> /dev/full`, `>&amp;-`): the answer is lost, so one line on stderr
/// and exit 1, never an unhandled exception and SIGABRT (134); with stderr full or closed too, only the exit code.
/// </summary>
public class OutputFailureLabTests
{
    // Commands that need no privilege: they must behave even where the lab cannot be built.
    public static TheoryData<string> Unprivileged =>
    [
        "--help",
        "--version",
        "route get 127.0.0.1",
        "routes",
        "routes --check",
        "sockets -tan",
        "sockets -s",
        "trace -r -n -c 1 -m 2 127.0.0.1",
    ];

    // Raw sockets and the firewall: root.
    public static TheoryData<string> Privileged =>
    [
        "scan -sn 127.0.0.1",
        "port check 22/tcp",
    ];

    [Theory]
    [MemberData(nameof(Unprivileged))]
    public void A_full_stdout_is_one_line_and_exit_1(string command) => AssertOneLineExit1(command, ">/dev/full", "No space left on device");

    [Theory]
    [MemberData(nameof(Unprivileged))]
    public void A_closed_stdout_is_one_line_and_exit_1(string command) => AssertOneLineExit1(command, ">&-", "it is closed");

    [Theory]
    [MemberData(nameof(Unprivileged))]
    public void Full_stdout_and_stderr_is_exit_1_and_nothing_else(string command)
    {
        var run = Netlens(command, ">/dev/full 2>/dev/full");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Theory]
    [MemberData(nameof(Unprivileged))]
    public void Closed_stdout_and_stderr_is_exit_1(string command) => Assert.Equal(1, Netlens(command, ">&- 2>&-").ExitCode);

    [SkippableTheory]
    [MemberData(nameof(Privileged))]
    public void Privileged_commands_into_a_full_or_closed_stdout_are_one_line_and_exit_1(string command)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        AssertOneLineExit1(command, ">/dev/full", "No space left on device");
        AssertOneLineExit1(command, ">&-", "it is closed");
    }

    [Fact]
    public void Bad_input_with_a_full_stderr_is_still_exit_2()
    {
        var run = Netlens("route get 198.18.0.1 --sport 70000", "2>/dev/full");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
    }

    private static void AssertOneLineExit1(string command, string redirection, string reason)
    {
        var run = Netlens(command, redirection);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("netlens: error: cannot write to standard output: ", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
    }

    // Through bash, as a user would type it: the redirection is the shell's, the descriptors are what netlens inherits.
    private static CommandResult Netlens(string command, string redirection) =>
        Shell.Run("bash", ["-c", $"exec \"$0\" {command} {redirection}", NativeBinary.Path], timeout: TimeSpan.FromMinutes(1));
}
