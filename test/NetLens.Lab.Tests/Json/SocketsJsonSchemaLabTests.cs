using System.Text.Json;
using NetLens.Lab.Tests.Sockets;

namespace NetLens.Lab.Tests.Json;

/// <summary>sockets --json on the sockets lab: the counts ss gives, in documents their schemas accept.</summary>
public sealed class SocketsJsonSchemaLabTests(SocketsLab lab) : IClassFixture<SocketsLab>
{
    [SkippableFact]
    public void The_listing_has_every_tcp_socket_ss_lists_and_fits_its_schema()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);
        var ss = lab.Ss("-tanH").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "--json", "sockets", "-tan");

        Assert.True(run.ExitCode == 0, run.Stderr);
        JsonSchemaCheck.AssertValid("sockets", run.Stdout);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(ss, json.RootElement.GetProperty("sockets").GetArrayLength());
    }

    [SkippableFact]
    public void Listeners_with_tcp_info_memory_timers_and_owners_fit_the_schema()
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "--json", "sockets", "-tlnpoim");

        Assert.True(run.ExitCode == 0, run.Stderr);
        JsonSchemaCheck.AssertValid("sockets", run.Stdout);
        using var json = JsonDocument.Parse(run.Stdout);
        var sockets = json.RootElement.GetProperty("sockets").EnumerateArray().ToList();
        Assert.NotEmpty(sockets);
        Assert.All(sockets, s => Assert.Equal("LISTEN", s.GetProperty("state").GetString()));
        Assert.Contains(sockets, s => s.TryGetProperty("memory", out var memory) && memory.GetProperty("rcv_buf_bytes").GetUInt32() > 0);
    }

    [SkippableTheory]
    [InlineData("-uan")]
    [InlineData("-xa")]
    [InlineData("-0a")]
    [InlineData("--netlink")]
    public void Other_kinds_of_socket_fit_the_schema(string kinds)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "--json", "sockets", kinds);

        Assert.True(run.ExitCode == 0, run.Stderr);
        JsonSchemaCheck.AssertValid("sockets", run.Stdout);
    }

    [SkippableTheory]
    [InlineData("-s")]
    [InlineData("--check")]
    public void The_summary_and_the_check_fit_their_schema(string flag)
    {
        Skip.IfNot(LabPrivileges.IsRoot, LabPrivileges.SkipReason);

        var run = NetLensRunner.Run("--netns", lab.Ns.Name, "--json", "sockets", flag);

        Assert.True(run.ExitCode == 0, run.Stderr);
        JsonSchemaCheck.AssertValid("sockets-summary", run.Stdout);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(0, json.RootElement.GetProperty("findings").GetArrayLength());
        if (flag == "-s")
        {
            Assert.Equal(SocketsLab.HalfOpen, json.RootElement.GetProperty("summary").GetProperty("tcp").GetProperty("synrecv").GetInt32());
        }
    }
}
