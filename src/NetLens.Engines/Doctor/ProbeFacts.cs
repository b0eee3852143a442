using System.Net;
using NetLens.Core.Doctor;
using NetLens.Core.PortTest;
using NetLens.Engines.Port;
using NetLens.Linux.Namespaces;

namespace NetLens.Engines.Doctor;

/// <summary>The port step: `port test`'s engine proves the port by traffic (a connect, or a UDP exchange).</summary>
internal static class ProbeFacts
{
    public static async Task<ProbeFact> TestAsync(NetworkContext context, IPEndPoint target, bool udp, TimeSpan timeout, CancellationToken cancellation)
    {
        var result = await new PortProbeEngine(context).TestAsync(new PortTestRequest(target, udp, timeout, udp ? 2 : 1), cancellation).ConfigureAwait(false);

        // connect() and sendto() fail with EPERM (seen as access denied) when this host's own output hook drops the
        // packet; an ICMP "prohibited" from afar arrives as host unreachable, with the router's address.
        var refusedLocally = result.Reason == "local-firewall" || (result.Reason == "admin-prohibited" && result.ErrorFrom is null);
        return new ProbeFact(StateWord(result.State), refusedLocally ? "local-firewall" : result.Reason, result.ErrorFrom,
            result.Elapsed.TotalMilliseconds, result.Mechanism, refusedLocally);
    }

    private static string StateWord(PortTestState state) => state switch
    {
        PortTestState.Open => "open",
        PortTestState.Closed => "closed",
        PortTestState.Filtered => "filtered",
        _ => "open|filtered",
    };
}
