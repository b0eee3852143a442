using NetLens.Core.Doctor;
using NetLens.Core.Firewall.Evaluation;

namespace NetLens.Engines.Doctor;

/// <summary>A `port check` report cut to one firewall fact: the first evaluation's verdict and who decided it.</summary>
internal static class FirewallFacts
{
    public static FirewallFact Of(CheckReport report)
    {
        var evaluation = report.Evaluations[0];
        var decider = CheckReport.Decider(evaluation.Main);
        var accepted = evaluation.Verdict is null ? (bool?)null : evaluation.Accepted;
        return new FirewallFact(accepted, decider is null ? null : CheckReport.Where(decider), evaluation.Certain ? null : string.Join("; ", evaluation.Doubts), CheckReport.VerdictWord(evaluation));
    }
}
