using NetLens.Core.Doctor;
using NetLens.Core.Firewall.Evaluation;

namespace NetLens.Engines.Doctor;

/// <summary>A `port check` report cut to one firewall fact: the first evaluation's verdict and who decided it.</summary>
internal static class FirewallFacts
{
    /// <summary>What `port check` is asked about: PORT/PROTO, or the echo request of the address's family.</summary>
    public static string Spec(DoctorTargetSpec spec, System.Net.IPAddress address) => spec switch
    {
        { Port: { } port, Protocol: DoctorProtocol.Udp } => $"{port}/udp",
        { Port: { } port } => $"{port}/tcp",
        _ => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "icmpv6/echo-request" : "icmp/echo-request",
    };

    public static FirewallFact Of(CheckReport report)
    {
        var evaluation = report.Evaluations[0];
        var decider = CheckReport.Decider(evaluation.Main);
        var accepted = evaluation.Verdict is null ? (bool?)null : evaluation.Accepted;
        return new FirewallFact(accepted, decider is null ? null : CheckReport.Where(decider), evaluation.Certain ? null : string.Join("; ", evaluation.Doubts), CheckReport.VerdictWord(evaluation));
    }
}
