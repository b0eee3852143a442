using NetLens.Cli.Commands.Port;
using NetLens.Core.Firewall.Spec;
using NetLens.Core.Services;

namespace NetLens.Cli.Tests.Port;

/// <summary>Core refuses a services name by the concept; the CLI says it by the option the user typed, --name.</summary>
public class ServiceNameWordsTests
{
    private static readonly ResolvedPorts Otv = new([new PortGroup(FirewallProtocol.Udp, [new PortRange(8472, 8472)])], []);

    private static string Refusal(ServicesTable table, string name, ResolvedPorts ports) =>
        Assert.Throws<Core.UsageException>(() => ServiceNameWords.PlanOpen(table, name, "/etc/services", ports)).Message;

    [Fact]
    public void A_name_bound_to_another_port_is_refused_with_the_line()
    {
        var table = ServicesTable.Parse(["# header", "otv 9999/udp"]);

        Assert.Equal("--name otv: /etc/services line 2 already binds otv to 9999/udp; choose another name or port", Refusal(table, "otv", Otv));
    }

    [Fact]
    public void A_list_of_ports_is_refused_by_the_option()
    {
        var web = new ResolvedPorts([new PortGroup(FirewallProtocol.Tcp, [new PortRange(80, 80), new PortRange(443, 443)])], []);

        Assert.Equal("--name web: a services name stands for one port; open lists and ranges without --name", Refusal(ServicesTable.Parse(Array.Empty<string>()), "web", web));
    }

    [Fact]
    public void A_name_starting_with_a_digit_is_refused_by_the_option()
    {
        Assert.Equal(
            "--name 9lives: a service name is letters, digits, '-', '_' or '.', not starting with a digit",
            Refusal(ServicesTable.Parse(Array.Empty<string>()), "9lives", Otv));
    }
}
