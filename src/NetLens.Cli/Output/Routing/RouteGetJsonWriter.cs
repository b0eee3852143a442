using NetLens.Cli.Output.Json;
using NetLens.Core.Routing.Lookup;

namespace NetLens.Cli.Output.Routing;

/// <summary>`route get --json`: the same facts as the text, as one document.</summary>
public static class RouteGetJsonWriter
{
    /// <summary>From the kernel, or, given <paramref name="snapshotMechanism"/> (what was read), from a snapshot.</summary>
    public static void Write(TextWriter output, RouteExplanation explanation, RouteWords words, string? snapshotMechanism = null) =>
        JsonOutput.Write(output, ToDocument(explanation, words, snapshotMechanism));

    public static RouteGetDocument ToDocument(RouteExplanation explanation, RouteWords words, string? snapshotMechanism = null)
    {
        var request = explanation.Request;
        var answer = explanation.Outcome.Route;
        return new RouteGetDocument
        {
            Query = RouteQueryJson.Of(request, explanation.Target.Name),
            Found = answer is not null,
            Line = answer is null ? null : words.IpFirstLine(answer),
            Error = explanation.Outcome.Error,
            Errno = answer is null ? explanation.Outcome.Errno : null,
            Answer = answer is null ? null : new RouteAnswerJson
            {
                Type = RouteWords.TypeName(answer.Type),
                Gateway = (answer.Gateway ?? answer.Via)?.ToString(),
                Device = answer.OutputInterface is { } oif ? words.InterfaceName(oif) : null,
                PreferredSource = answer.PreferredSource?.ToString(),
                Table = words.TableName(answer.Table),
                Mark = answer.Mark,
                Uid = answer.Uid,
            },
            Rule = explanation.Rule is { } rule ? new RuleJson(rule.Priority, RuleText.Format(rule, words.TableName)) : null,
            MatchedRoute = explanation.MatchedRoute is { } matched ? RouteJsonMapper.ToJson(matched, words) : null,
            Mechanism = snapshotMechanism is null ? MechanismWords.Netlink : MechanismWords.Snapshot,
            MechanismDetail = snapshotMechanism ?? "RTM_GETROUTE, RTM_GETROUTE with RTM_F_FIB_MATCH, RTM_GETRULE",
        };
    }
}
