using NetLens.Core.Firewall.Spec;
using NetLens.Core.Services;

namespace NetLens.Core.Tests.Firewall;

public class PortSpecResolverTests
{
    private static readonly ServicesTable Services = ServicesTable.Parse(
    [
        "# comment line",
        "domain\t\t53/tcp",
        "domain\t\t53/udp",
        "otv\t\t8472/udp\t\t# overlay transport virtualization",
        "http\t\t80/tcp\t\twww",
        "sctpish\t\t9900/sctp",
    ]);

    private static ResolvedPorts Resolve(string spec) => PortSpecResolver.Resolve(FirewallPortSpec.Parse(spec), Services, "/etc/services");

    [Fact]
    public void A_bare_port_takes_the_protocol_the_services_file_gives()
    {
        Assert.Equal("8472/udp", Resolve("8472").Text);
    }

    [Fact]
    public void A_bare_port_listed_for_both_protocols_opens_both()
    {
        Assert.Equal("53/tcp 53/udp", Resolve("53").Text);
    }

    [Fact]
    public void An_unknown_bare_port_asks_for_the_protocol_naming_both_choices()
    {
        var error = Assert.Throws<UsageException>(() => Resolve("9999"));

        Assert.Equal("port SPEC 9999: no protocol given and /etc/services does not name port 9999; say 9999/tcp or 9999/udp", error.Message);
    }

    [Fact]
    public void A_port_known_only_for_another_transport_still_asks()
    {
        Assert.Throws<UsageException>(() => Resolve("9900"));
    }

    [Fact]
    public void A_service_name_or_alias_resolves_to_its_port_and_protocols()
    {
        Assert.Equal("8472/udp", Resolve("otv").Text);
        Assert.Equal("80/tcp", Resolve("www").Text);
        Assert.Equal("53/tcp 53/udp", Resolve("domain").Text);
        Assert.Equal("53/udp", Resolve("domain/udp").Text);
    }

    [Fact]
    public void Tcp_asked_for_a_udp_service_is_opened_as_asked_with_a_warning_naming_udp()
    {
        var resolved = Resolve("8472/tcp");

        Assert.Equal("8472/tcp", resolved.Text);
        var warning = Assert.Single(resolved.Warnings);
        Assert.Equal("port 8472 is otv 8472/udp in /etc/services, not tcp: opening 8472/tcp as asked; did you mean 8472/udp?", warning);
    }

    [Fact]
    public void A_service_name_with_the_wrong_protocol_is_warned_too()
    {
        var resolved = Resolve("otv/tcp");

        Assert.Equal("8472/tcp", resolved.Text);
        Assert.Contains("did you mean 8472/udp?", Assert.Single(resolved.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_service_name_is_a_usage_error()
    {
        Assert.Throws<UsageException>(() => Resolve("nosuch"));
    }

    [Fact]
    public void A_services_entry_with_a_port_out_of_range_fails_in_the_plan()
    {
        var services = ServicesTable.Parse(["big\t\t99999/tcp"]);

        var error = Assert.Throws<UsageException>(() => PortSpecResolver.Resolve(FirewallPortSpec.Parse("big"), services, "/x/services"));

        Assert.Equal("port SPEC big: /x/services line 1 gives big the port 99999, which is not a port (1-65535); fix that line or give the port", error.Message);
    }
}
