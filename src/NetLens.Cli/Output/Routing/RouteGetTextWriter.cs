using NetLens.Cli.Hosting;
using NetLens.Core.Routing;
using NetLens.Core.Routing.Lookup;

namespace NetLens.Cli.Output.Routing;

/// <summary>
/// The human answer: ip's own line first (so eyes and scripts trained on `ip route get` read it),
/// then why, one fact per line.
/// </summary>
public static class RouteGetTextWriter
{
    public static void Write(CliOutput output, RouteExplanation explanation, RouteWords words, bool verbose, string? mechanism = null)
    {
        // no route: the error and its explanation (rule, table, why) belong together, on stderr
        var o = explanation.Outcome.Route is null ? output.Error : output.Out;
        var request = explanation.Request;
        if (explanation.Outcome.Route is { } answer)
        {
            o.WriteLine(words.IpFirstLine(answer));
        }
        else if (explanation.Outcome.Errno == 0)
        {
            // Not a refusal: the answer could not be reproduced from a snapshot file.
            output.Error.WriteLine($"netlens: error: {request.Destination}: {explanation.Outcome.Error}");
        }
        else
        {
            output.Error.WriteLine($"netlens: error: no route to {request.Destination}: {explanation.Outcome.Error}");
        }

        if (explanation.Target.Name is { } name)
        {
            Fact(o, "resolved", $"{name} → {explanation.Target.Address}");
        }

        if (explanation.Rule is { } rule)
        {
            var why = rule.Action == RuleAction.ToTable
                ? "first rule that matches this packet and leads to the answering table"
                : "first rule that matches this packet, and it refuses it";
            Fact(o, "rule", $"{RuleText.Format(rule, words.TableName)}  ({why})");
        }
        else if (explanation.Outcome.Found)
        {
            Fact(o, "rule", "not identified (a goto or l3mdev rule may be involved; see 'ip rule')");
        }

        if (explanation.Outcome.Route is { } found)
        {
            Fact(o, "table", words.TableName(found.Table));
        }

        if (explanation.MatchedRoute is { } matched)
        {
            Fact(o, "route", words.IpListingLine(matched));
            Fact(o, "", $"longest matching prefix /{matched.Destination.Length}, {MetricText(matched)}, protocol {words.ProtocolName(matched.Protocol)}");
            var origin = words.Origin(matched);
            Fact(o, "origin", $"{origin.Label}: {origin.Reason}");
            if (matched.IsMultipath)
            {
                Fact(o, "ecmp", $"{matched.Nexthops.Count} nexthops; the kernel picked one by hashing the flow");
            }
        }
        else if (!explanation.Outcome.Found)
        {
            Fact(o, "why", NoRouteReason(explanation));
        }

        if (verbose)
        {
            Fact(o, "asked", mechanism ?? "the kernel, over rtnetlink: RTM_GETROUTE (the answer), RTM_GETROUTE with RTM_F_FIB_MATCH (the table entry), RTM_GETRULE (the rules)");
        }
    }

    private static string MetricText(Route route) => route.Priority is { } metric ? $"metric {metric}" : "no metric";

    private static string NoRouteReason(RouteExplanation explanation)
    {
        if (explanation.InputForwardingOff && explanation.Request.InputInterface is { } iif)
        {
            var family = explanation.Family == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "ipv6" : "ipv4";
            return $"forwarding is off on {iif} (net.{family}.conf.{iif}.forwarding = 0): the kernel routes no packet that arrives there, whatever the tables hold (sysctl -w net.{family}.conf.{iif}.forwarding=1 turns it on)";
        }

        if (explanation.Rule is { Action: not RuleAction.ToTable } rule)
        {
            return $"rule {rule.Priority} {rule.Action.ToString().ToLowerInvariant()}s packets like this one";
        }

        return explanation.Outcome.Errno switch
        {
            101 => "no table consulted by the policy rules has a route that covers this address (no default route either)",
            113 => "the matching route is an unreachable route, or the gateway cannot be resolved",
            13 => "the matching route is a prohibit route",
            22 => "the kernel refused the question (an unusable source address or interface?)",
            _ => "the kernel gave no route",
        };
    }

    private static void Fact(TextWriter o, string label, string text) => o.WriteLine($"  {label,-8} {text}");
}
