using NetLens.Cli.Hosting;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Lookup;

namespace NetLens.Cli.Output.Routing.Explain;

/// <summary>
/// `route get --explain` for people: ip's line first, then every rule in priority order with what it did,
/// every table consulted with every route that contains the address (longest prefix first), and why the winner won.
/// </summary>
public static class ExplainTextWriter
{
    public static void Write(CliOutput output, RouteDecision decision, RouteWords words)
    {
        var o = output.Out;
        if (decision.Answer is { } answer)
        {
            o.WriteLine(words.IpFirstLine(answer));
        }
        else if (decision.Errno == 0)
        {
            output.Error.WriteLine($"netlens: error: {decision.Request.Destination}: {decision.Error}");
        }
        else
        {
            output.Error.WriteLine($"netlens: error: no route to {decision.Request.Destination}: {decision.Error}");
        }

        if (decision.Target.Name is { } name)
        {
            o.WriteLine($"  resolved  {name} → {decision.Target.Address}");
        }

        o.WriteLine($"  answered  {AnsweredBy(decision)}");
        var trace = decision.Engine.Trace;
        if (trace is null)
        {
            return;
        }

        o.WriteLine("  rules     in priority order:");
        foreach (var step in trace.Rules)
        {
            o.WriteLine($"    {VerdictWord(step.Verdict),-11} {RuleText.Format(step.Rule, words.TableName)}");
            if (step.Verdict != RuleVerdict.NotReached)
            {
                o.WriteLine($"    {string.Empty,-11}   {step.Detail}");
            }
        }

        foreach (var table in trace.Tables)
        {
            o.WriteLine($"  table     {words.TableName(table.Table)} (rule {table.RulePriority}): {table.Outcome}");
            if (table.Candidates.Count == 0)
            {
                o.WriteLine($"            no route in this table contains {decision.Request.Destination}");
                continue;
            }

            o.WriteLine($"            routes containing {decision.Request.Destination}, longest prefix first:");
            foreach (var candidate in table.Candidates)
            {
                var route = candidate.Route;
                o.WriteLine($"    {CandidateWord(candidate.Verdict),-11} {words.IpListingLine(route)}");
                o.WriteLine($"    {string.Empty,-11}   /{route.Destination.Length}, {Metric(route)}, tos 0x{route.Tos:x2}, protocol {words.ProtocolName(route.Protocol)}: {candidate.Detail}");
                if (candidate.Verdict == CandidateVerdict.Winner && route.IsMultipath)
                {
                    foreach (var nexthop in route.Nexthops)
                    {
                        var device = nexthop.OutputInterface is { } oif ? words.InterfaceName(oif) : "?";
                        o.WriteLine($"    {string.Empty,-11}   nexthop via {nexthop.Gateway} dev {device} weight {nexthop.Weight}");
                    }

                    o.WriteLine($"    {string.Empty,-11}   ECMP: the kernel hashes the flow (addresses, ports) with a boot-time secret to pick one nexthop, in proportion to the weights");
                }
            }
        }

        if (decision.Answer?.PreferredSource is { } source && trace.SourceReason is { } reason && !decision.AnsweredByKernel)
        {
            o.WriteLine($"  source    {source}: {reason}");
        }

        if (decision.Engine.MatchedRoute is { } matched)
        {
            var origin = words.Origin(matched);
            o.WriteLine($"  origin    {origin.Label}: {origin.Reason}");
        }
    }

    private static string AnsweredBy(RouteDecision decision)
    {
        var from = decision.Source == "kernel" ? "a snapshot read from the kernel just now" : $"the snapshot {decision.Source}";
        return decision.Engine.Status switch
        {
            LookupStatus.AskKernel when decision.AnsweredByKernel => $"by the kernel (RTM_GETROUTE), because {decision.Engine.Reason}; the decision below is from {from}",
            LookupStatus.AskKernel => $"not answerable from {from}: {decision.Engine.Reason}",
            _ => $"in-process from {from}, as the kernel decides",
        };
    }

    private static string VerdictWord(RuleVerdict verdict) => verdict switch
    {
        RuleVerdict.NotMatched => "no match",
        RuleVerdict.Decided => "DECIDED",
        RuleVerdict.PassedOn => "passed on",
        _ => "not reached",
    };

    private static string CandidateWord(CandidateVerdict verdict) => verdict switch
    {
        CandidateVerdict.Winner => "WINNER",
        CandidateVerdict.TosMismatch => "tos differs",
        CandidateVerdict.ShorterPrefix => "shorter",
        CandidateVerdict.Dead => "dead",
        _ => "lost",
    };

    private static string Metric(Route route) => route.Priority is { } metric ? $"metric {metric}" : "no metric";
}
