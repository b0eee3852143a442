using NetLens.Core.Firewall.Spec;
using NetLens.Core.Services;

namespace NetLens.Core.Tests.Firewall;

public class ServiceNamingTests
{
    private static readonly ResolvedPorts Otv = new([new PortGroup(FirewallProtocol.Udp, [new PortRange(8472, 8472)])], []);

    [Fact]
    public void Open_adds_one_marked_line_aligned_like_the_file()
    {
        var naming = ServiceNaming.PlanOpen(ServicesTable.Parse(["ssh\t\t22/tcp"]), "otv", "/etc/services", Otv);

        Assert.Equal(["otv\t\t8472/udp\t# added by netlens"], naming.Added);
    }

    [Fact]
    public void A_line_already_saying_the_same_is_not_added_again()
    {
        var table = ServicesTable.Parse(["otv 8472/udp"]);

        var naming = ServiceNaming.PlanOpen(table, "otv", "/etc/services", Otv);

        Assert.Empty(naming.Added);
        Assert.Single(naming.AlreadyPresent);
        Assert.False(naming.Changes);
    }

    [Fact]
    public void A_name_bound_to_another_port_is_refused_with_the_line()
    {
        var table = ServicesTable.Parse(["# header", "otv 9999/udp"]);

        var error = Assert.Throws<ServiceNameException>(() => ServiceNaming.PlanOpen(table, "otv", "/etc/services", Otv));

        // The CLI's wording with --name is tested in NetLens.Cli.Tests (ServiceNameWordsTests); Core names the concept.
        Assert.Equal(ServiceNameProblem.AlreadyBound, error.Problem);
        Assert.Equal("the service name otv: /etc/services line 2 already binds otv to 9999/udp; choose another name or port", error.Message);
    }

    [Fact]
    public void A_name_bound_to_the_other_protocol_is_refused()
    {
        var table = ServicesTable.Parse(["otv 8472/tcp"]);

        Assert.Throws<ServiceNameException>(() => ServiceNaming.PlanOpen(table, "otv", "/etc/services", Otv));
    }

    [Fact]
    public void Close_removes_only_the_lines_netlens_added()
    {
        var table = ServicesTable.Parse(["otv\t\t8472/udp\t# added by netlens", "otv2 8472/udp", "ssh 22/tcp"]);

        var naming = ServiceNaming.PlanClose(table, "otv", Otv);
        var edited = table.Edit(naming.Added, naming.Removed.Select(e => e.Line).ToHashSet());

        Assert.Equal("otv2 8472/udp\nssh 22/tcp\n"u8.ToArray(), edited);
    }

    [Fact]
    public void A_line_the_admin_wrote_is_never_removed()
    {
        var table = ServicesTable.Parse(["otv 8472/udp"]);

        Assert.Empty(ServiceNaming.PlanClose(table, "otv", Otv).Removed);
    }
}
