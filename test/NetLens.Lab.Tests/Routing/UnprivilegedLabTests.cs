namespace NetLens.Lab.Tests.Routing;

/// <summary>Reading routes needs no privilege: the native binary, run as nobody, answers as ip does for nobody.</summary>
public class UnprivilegedLabTests(RoutingLab lab) : IClassFixture<RoutingLab>
{
    private const string Nobody = "65534";

    [SkippableFact]
    public void Listing_routes_as_nobody_equals_ip_as_nobody()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var ip = AsNobody("ip", "route", "show", "table", "all");
        var netlens = AsNobody(NativeBinary.Path, "routes", "--format", "ip", "--table", "all");

        Assert.Equal(0, netlens.ExitCode);
        Assert.Equal(ip.Stdout, netlens.Stdout);
    }

    [SkippableFact]
    public void Route_get_as_nobody_reports_nobodys_uid_like_ip()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var ip = AsNobody("ip", "route", "get", "198.18.10.7");
        var netlens = AsNobody(NativeBinary.Path, "route", "get", "198.18.10.7");

        Assert.Equal(0, netlens.ExitCode);
        Assert.Contains($"uid {Nobody}", ip.Stdout, StringComparison.Ordinal);
        Assert.Equal(ip.Stdout.Split('\n')[0].TrimEnd(), netlens.Stdout.Split('\n')[0]);
    }

    [SkippableFact]
    public void No_route_as_nobody_exits_1_with_the_error_line_and_its_why_on_stderr()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var netlens = AsNobody(NativeBinary.Path, "route", "get", "198.18.20.9");

        Assert.Equal(1, netlens.ExitCode);
        Assert.Equal(string.Empty, netlens.Stdout);
        var lines = netlens.Stderr.TrimEnd().Split('\n');
        Assert.Equal("netlens: error: no route to 198.18.20.9: No route to host", lines[0]);
        Assert.All(lines[1..], line => Assert.StartsWith("  ", line, StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("  why ", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Entering_a_namespace_without_the_privilege_exits_3_with_the_fix()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var netlens = Shell.Run("setpriv", ["--reuid", Nobody, "--regid", Nobody, "--clear-groups", NativeBinary.Path, "--netns", lab.Ns.Name, "routes"]);

        Assert.Equal(3, netlens.ExitCode);
        Assert.Equal($"netlens: error: entering network namespace \"{lab.Ns.Name}\" needs CAP_SYS_ADMIN (run it with sudo, as ip netns exec does)", netlens.Stderr.TrimEnd());
    }

    /// <summary>Enters the lab namespace as root, then drops to nobody before running the program.</summary>
    private CommandResult AsNobody(string program, params string[] arguments) =>
        lab.Ns.Exec("setpriv", ["--reuid", Nobody, "--regid", Nobody, "--clear-groups", program, .. arguments]);
}
