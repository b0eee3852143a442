using NetLens.Cli.Output.Json;
using NetLens.Core.Routing.Lookup;

namespace NetLens.Cli.Output.Routing.Explain;

/// <summary>`route get --explain --json`: the same facts as the text, as one document.</summary>
public static class ExplainJsonWriter
{
    public static void Write(TextWriter output, RouteDecision decision, RouteWords words)
    {
        var request = decision.Request;
        var trace = decision.Engine.Trace;
        var document = new ExplainDocument
        {
            Query = RouteQueryJson.Of(request, decision.Target.Name),
            Found = decision.Found,
            Line = decision.Answer is { } answer ? words.IpFirstLine(answer) : null,
            Error = decision.Error,
            Errno = decision.Found ? null : decision.Errno,
            AnsweredBy = decision.AnsweredByKernel ? "kernel" : "engine",
            KernelAskedBecause = decision.Engine.Status == LookupStatus.AskKernel ? decision.Engine.Reason : null,
            Snapshot = decision.Source,
            Rules = trace?.Rules.Select(s => new ExplainRuleJson(s.Rule.Priority, RuleText.Format(s.Rule, words.TableName), Snake(s.Verdict.ToString()), s.Detail)).ToList() ?? [],
            Tables = trace?.Tables.Select(t => new ExplainTableJson(
                words.TableName(t.Table),
                t.Table,
                t.RulePriority,
                t.Outcome,
                t.Candidates.Select(c => new ExplainCandidateJson(
                    words.IpListingLine(c.Route),
                    c.Route.Destination.ToString(),
                    c.Route.Destination.Length,
                    c.Route.Priority,
                    $"0x{c.Route.Tos:x2}",
                    words.ProtocolName(c.Route.Protocol),
                    Snake(c.Verdict.ToString()),
                    c.Detail,
                    c.Route.IsMultipath ? c.Route.Nexthops.Select(n => new NexthopJson(n.Gateway?.ToString(), n.OutputInterface is { } oif ? words.InterfaceName(oif) : null, n.Weight, [])).ToList() : null)).ToList())).ToList() ?? [],
            PreferredSource = !decision.AnsweredByKernel && decision.Answer?.PreferredSource is { } source && trace?.SourceReason is { } reason
                ? new ExplainSourceJson(source.ToString(), reason)
                : null,
            MatchedRoute = decision.Engine.MatchedRoute is { } matched ? RouteJsonMapper.ToJson(matched, words) : null,
        };
        JsonOutput.Write(output, document);
    }

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
