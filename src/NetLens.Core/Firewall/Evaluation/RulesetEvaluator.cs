using System.Collections.Immutable;
using System.Globalization;
using NetLens.Core.Firewall.Rulesets;

namespace NetLens.Core.Firewall.Evaluation;

/// <summary>
/// Runs a packet through the base chains of every table at the hooks it meets, in priority order: in, prerouting then input
/// (or forward when DNAT sends it elsewhere); out, output then postrouting; forward, prerouting, forward, postrouting. An accept ends one base chain only; a drop anywhere ends it all, as in the kernel.
/// A rule whose matches cannot be decided splits the walk in two; the verdict is certain only when every path agrees.
/// </summary>
public static class RulesetEvaluator
{
    /// <summary>Beyond this many paths (2^8 undecidable rules on one walk) the answer is "uncertain" rather than slow.</summary>
    public const int MaxPaths = 256;

    private const int MaxJumps = 10_000;

    public static CheckEvaluation Evaluate(FirewallRuleset ruleset, PacketQuery packet, IHostFacts facts)
    {
        var walk = new Walk(ruleset, packet.Family, facts);
        var pending = new Stack<Branch>();
        if (packet.Direction != PacketDirection.In)
        {
            // "fib daddr type local" for a packet leaving or crossing this host: its destination says, when known.
            packet = packet with
            {
                DestinationIsLocal = packet.Direction == PacketDirection.Forward ? false : packet.Destination is { } d ? facts.IsLocal(d) : null,
            };
        }

        var first = packet.Direction == PacketDirection.Out ? FirewallHook.Output : FirewallHook.Prerouting;
        pending.Push(new Branch(packet, first, 0, [], null, [], [], packet.Direction == PacketDirection.Forward, 0));
        var done = new List<EvaluationPath>();
        while (pending.Count > 0)
        {
            if (done.Count + pending.Count > MaxPaths)
            {
                var b = pending.Pop();
                done.Add(b.End(null, null, $"more than {MaxPaths} ways through the ruleset: too many rules netlens cannot decide"));
                break;
            }

            walk.Run(pending.Pop(), pending, done);
        }

        return new CheckEvaluation(packet, done);
    }

    private sealed record Frame(FirewallChain Chain, int Next);

    private sealed record Branch(
        PacketQuery Packet,
        FirewallHook Phase,
        int BaseIndex,
        ImmutableStack<Frame> Stack,
        FirewallChain? Base,
        ImmutableList<ChainStep> Steps,
        ImmutableList<Assumption> Assumptions,
        bool Forwarded,
        int Jumps)
    {
        public EvaluationPath End(FirewallVerdict? verdict, ChainStep? decider, string? unresolved) =>
            new(verdict, decider, decider is null ? Steps : Steps.Add(decider), Assumptions, unresolved, Packet, Forwarded);
    }

    private sealed class Walk(FirewallRuleset ruleset, System.Net.Sockets.AddressFamily family, IHostFacts facts)
    {
        private readonly Dictionary<FirewallHook, List<FirewallChain>> _bases = ruleset.Chains
            .Where(c => c.IsBase && c.Sees(family))
            .GroupBy(c => c.Hook!.Value)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Priority).ToList());

        /// <summary>Advances one branch until it ends (added to <paramref name="done"/>) or splits (both halves pushed).</summary>
        public void Run(Branch b, Stack<Branch> pending, List<EvaluationPath> done)
        {
            while (true)
            {
                if (b.Stack.IsEmpty)
                {
                    var chains = _bases.GetValueOrDefault(b.Phase) ?? [];
                    if (b.BaseIndex < chains.Count)
                    {
                        var chain = chains[b.BaseIndex];
                        b = b with { Stack = [new Frame(chain, 0)], Base = chain };
                        continue;
                    }

                    if (After(b) is { } later)
                    {
                        b = later;
                        continue;
                    }

                    // Every base chain let it through: the last accept (or, with no chains, nothing) decides.
                    done.Add(b.End(FirewallVerdict.Accept, null, null));
                    return;
                }

                var frame = b.Stack.Peek();
                if (frame.Next >= frame.Chain.Rules.Count)
                {
                    if (ReturnFrom(ref b, done))
                    {
                        return;
                    }

                    continue;
                }

                var rule = frame.Chain.Rules[frame.Next];
                b = b with { Stack = b.Stack.Pop().Push(frame with { Next = frame.Next + 1 }) };
                var test = Test(rule, b.Packet);
                if (test.Truth == Truth.No)
                {
                    continue;
                }

                if (test.Truth == Truth.Unknown)
                {
                    // Split: one half takes the rule as matching (and acts on it now), the other walks on past it.
                    var matched = b with { Assumptions = b.Assumptions.Add(new Assumption(frame.Chain, rule, true, test.Reason!)) };
                    var missed = b with { Assumptions = b.Assumptions.Add(new Assumption(frame.Chain, rule, false, test.Reason!)) };
                    if (Apply(matched, frame.Chain, rule, rule.Action, done) is { } going)
                    {
                        pending.Push(going);
                    }

                    pending.Push(missed);
                    return;
                }

                if (Apply(b, frame.Chain, rule, rule.Action, done) is not { } next)
                {
                    return;
                }

                b = next;
            }
        }

        private static MatchResult Test(FirewallRule rule, PacketQuery packet)
        {
            string? unknown = null;
            foreach (var match in rule.Matches)
            {
                var result = match.Test(packet);
                if (result.Truth == Truth.No)
                {
                    return MatchResult.No;
                }

                if (result.Truth == Truth.Unknown)
                {
                    unknown ??= result.Reason;
                }
            }

            return unknown is null ? MatchResult.Yes : MatchResult.Unknown(unknown);
        }

        /// <summary>Applies a matched rule's action; null when the branch ended (and was added to <paramref name="done"/>).</summary>
        private Branch? Apply(Branch b, FirewallChain chain, FirewallRule rule, RuleAction action, List<EvaluationPath> done)
        {
            switch (action)
            {
                case ContinueAction:
                    return b;
                case AcceptAction:
                    return NextBase(b, new ChainStep(chain, rule, "accept"));
                case DropAction:
                    done.Add(b.End(FirewallVerdict.Drop, new ChainStep(chain, rule, "drop"), null));
                    return null;
                case RejectAction:
                    done.Add(b.End(FirewallVerdict.Reject, new ChainStep(chain, rule, "reject"), null));
                    return null;
                case ReturnAction:
                    return ReturnFrom(ref b, done) ? null : b;
                case JumpAction jump:
                    return Enter(b, chain, rule, jump.Target, "jump", b.Stack, done);
                case GotoAction go:
                    return Enter(b, chain, rule, go.Target, "goto", b.Stack.Pop(), done);
                case DnatAction dnat:
                    var packet = b.Packet with
                    {
                        Destination = dnat.Address ?? b.Packet.Destination,
                        DestinationPort = dnat.Port ?? b.Packet.DestinationPort,
                    };
                    var to = dnat.Address is null ? $":{dnat.Port}" : dnat.Port is null ? $"{dnat.Address}" : Endpoint(dnat.Address, dnat.Port.Value);
                    return NextBase(b with { Packet = packet }, new ChainStep(chain, rule, $"dnat to {to}"));
                case RedirectAction redirect:
                    var redirected = b.Packet with { DestinationPort = redirect.Port ?? b.Packet.DestinationPort };
                    return NextBase(b with { Packet = redirected }, new ChainStep(chain, rule, $"redirect to port {redirected.DestinationPort}"));
                case VerdictMapAction map:
                    foreach (var entry in map.Entries)
                    {
                        var hit = (map.Key with { Values = entry.Keys }).Test(b.Packet);
                        if (hit.Truth == Truth.Unknown)
                        {
                            done.Add(b.End(null, new ChainStep(chain, rule, "vmap"), $"{chain.Label} rule {rule.Position}: the verdict map's key is unknown ({hit.Reason})"));
                            return null;
                        }

                        if (hit.Truth == Truth.Yes)
                        {
                            return Apply(b, chain, rule, entry.Action, done);
                        }
                    }

                    return b;
                case UnknownAction unknown:
                    done.Add(b.End(null, new ChainStep(chain, rule, unknown.Text), $"{chain.Label} rule {rule.Position}: netlens does not model the action '{unknown.Text}'"));
                    return null;
                default:
                    throw new InvalidOperationException($"unhandled action {action}");
            }
        }

        private Branch? Enter(Branch b, FirewallChain chain, FirewallRule rule, string target, string how, ImmutableStack<Frame> under, List<EvaluationPath> done)
        {
            var next = ruleset.Find(chain, target);
            if (next is null || b.Jumps >= MaxJumps)
            {
                var why = next is null ? $"{how} to chain '{target}', which the ruleset does not hold" : "the chains jump in a loop";
                done.Add(b.End(null, new ChainStep(chain, rule, $"{how} {target}"), $"{chain.Label} rule {rule.Position}: {why}"));
                return null;
            }

            return b with
            {
                Stack = under.Push(new Frame(next, 0)),
                Steps = b.Steps.Add(new ChainStep(chain, rule, $"{how} {target}")),
                Jumps = b.Jumps + 1,
            };
        }

        /// <summary>Leaves the current chain (its end, or a return); leaving the base level applies the base chain's policy. True when that ended the branch.</summary>
        private bool ReturnFrom(ref Branch b, List<EvaluationPath> done)
        {
            b = b with { Stack = b.Stack.Pop() };
            if (!b.Stack.IsEmpty)
            {
                return false;
            }

            var policy = b.Base!;
            if (policy.PolicyAccepts == true)
            {
                b = NextBase(b, new ChainStep(policy, null, "policy accept"));
                return false;
            }

            done.Add(b.End(FirewallVerdict.Drop, new ChainStep(policy, null, "policy drop"), null));
            return true;
        }

        private static Branch NextBase(Branch b, ChainStep step) =>
            b with { Stack = [], BaseIndex = b.BaseIndex + 1, Steps = b.Steps.Add(step) };

        /// <summary>The hook after the current one, as the kernel passes them for the packet's direction; null when the walk is over.</summary>
        private Branch? After(Branch b) => (b.Phase, b.Packet.Direction) switch
        {
            (FirewallHook.Prerouting, PacketDirection.In) => AfterRouting(b),
            (FirewallHook.Prerouting, PacketDirection.Forward) => ForwardRouting(b),
            (FirewallHook.Output, _) => Rerouted(b) with { Phase = FirewallHook.Postrouting, BaseIndex = 0 },
            (FirewallHook.Forward, PacketDirection.Forward) => b with { Phase = FirewallHook.Postrouting, BaseIndex = 0 },
            _ => null,
        };

        /// <summary>A forwarded packet goes on to forward, unless a DNAT made it this host's (then input).</summary>
        private Branch ForwardRouting(Branch b)
        {
            if (Translated(b) && b.Packet.Destination is { } destination)
            {
                if (facts.IsLocal(destination))
                {
                    return b with { Phase = FirewallHook.Input, BaseIndex = 0, Forwarded = false, Packet = b.Packet with { OutputInterface = string.Empty, DestinationIsLocal = true } };
                }

                return b with { Phase = FirewallHook.Forward, BaseIndex = 0, Packet = b.Packet with { OutputInterface = facts.OutputDevice(destination) } };
            }

            return b with { Phase = FirewallHook.Forward, BaseIndex = 0 };
        }

        /// <summary>A DNAT at the output hook routes the packet again: the device it leaves by follows the new destination.</summary>
        private Branch Rerouted(Branch b) =>
            Translated(b) && b.Packet.Destination is { } destination
                ? b with { Packet = b.Packet with { OutputInterface = facts.OutputDevice(destination), DestinationIsLocal = facts.IsLocal(destination) } }
                : b;

        private static bool Translated(Branch b) => b.Steps.Any(s => s.Outcome.StartsWith("dnat", StringComparison.Ordinal));

        /// <summary>The routing decision after prerouting: still to this host (input), or elsewhere after DNAT (forward, leaving by the route's device).</summary>
        private Branch AfterRouting(Branch b)
        {
            // Only a DNAT sends the packet elsewhere: the asked destination is this host's by the question's own terms.
            var destination = b.Packet.Destination;
            var translated = b.Steps.Any(s => s.Outcome.StartsWith("dnat", StringComparison.Ordinal));
            if (translated && destination is not null && !facts.IsLocal(destination))
            {
                return b with
                {
                    Phase = FirewallHook.Forward,
                    BaseIndex = 0,
                    Forwarded = true,
                    Packet = b.Packet with { OutputInterface = facts.OutputDevice(destination) },
                };
            }

            return b with { Phase = FirewallHook.Input, BaseIndex = 0 };
        }

        private static string Endpoint(System.Net.IPAddress address, int port) =>
            address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? $"[{address}]:{port.ToString(CultureInfo.InvariantCulture)}"
                : $"{address}:{port.ToString(CultureInfo.InvariantCulture)}";
    }
}
