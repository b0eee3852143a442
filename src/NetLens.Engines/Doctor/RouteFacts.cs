using System.Net;
using NetLens.Core;
using NetLens.Core.Doctor;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Names;
using NetLens.Engines.Routing;
using NetLens.Linux.Config;
using NetLens.Linux.Namespaces;

namespace NetLens.Engines.Doctor;

/// <summary>The route step: `route get`'s engine asked the packet's question, its answer cut to what doctor says.</summary>
internal static class RouteFacts
{
    public static async Task<RouteFact> LookupAsync(NetworkContext context, IPAddress destination, IPAddress? from, string? iif, uint? mark, uint? uid, uint callerUid, CancellationToken cancellation)
    {
        var lookup = new RouteLookupRequest { Destination = destination, From = from, InputInterface = iif, Mark = mark, Uid = uid };
        var engine = new RouteGetEngine(context);
        var question = new RouteGetRequest(new ResolvedTarget(destination, null), lookup, null, callerUid);
        var answer = await engine.LookupAsync(question, cancellation).ConfigureAwait(false);
        var explanation = answer.Explanation;
        if (!explanation.Outcome.Found)
        {
            // The kernel names no entry when it refuses; the in-process engine's trace finds the one that refused
            // (an unreachable, prohibit or blackhole route) or says none matched.
            var traced = await engine.ExplainAsync(question, cancellation).ConfigureAwait(false);
            explanation = explanation with { MatchedRoute = traced.Explanation.MatchedRoute, Rule = traced.Explanation.Rule ?? explanation.Rule };
        }

        var names = IpNamesFiles.OnDemand();
        var entry = explanation.MatchedRoute is { } matched
            ? $"{(matched.Destination.Length == 0 ? "default" : matched.Destination.ToString())}{(matched.Type == RouteType.Unicast ? string.Empty : $" {IpNames.RouteTypeName(matched.Type)}")} table {names.TableName(matched.Table)}"
            : null;
        var rule = explanation.Rule is { } r ? $"{r.Priority}: lookup {names.TableName(r.Table)}" : null;
        var route = explanation.Outcome.Route;
        if (route is null)
        {
            return new RouteFact(explanation.Outcome.Errno, explanation.Outcome.Error ?? "no route", null, null, null, null, entry, rule);
        }

        var index = route.OutputInterface ?? route.Nexthops.FirstOrDefault()?.OutputInterface;
        var link = answer.Links.FirstOrDefault(l => l.Index == index);
        var gateway = route.Gateway ?? route.Nexthops.FirstOrDefault()?.Gateway;
        return new RouteFact(0, null, route.PreferredSource ?? from, link?.Name, link?.Kind, gateway, entry, rule);
    }
}
