using System.Net;
using System.Net.Sockets;
using NetLens.Core;
using NetLens.Core.Doctor;
using NetLens.Core.Firewall.Rulesets;
using NetLens.Linux.Firewall;
using NetLens.Linux.Namespaces;
using NetLens.Linux.Netfilter;
using NetLens.Linux.Netlink;

namespace NetLens.Engines.Doctor;

/// <summary>
/// Traces doctor's probe through nftables while it runs: in this host's namespace and, with --peer-netns, the far
/// side's, a listener on the trace group and netlens's own trace table; at the end the table is deleted (the ruleset
/// checked against its listing from before) and the deciding event is named with the rule's text, read by handle
/// from the ruleset as `port check` reads it.
/// </summary>
internal sealed class NftTracer : IDisposable
{
    private const string Unavailable = "nftables trace unavailable: ";

    private readonly List<Side> _sides;

    private NftTracer(List<Side> sides) => _sides = sides;

    private sealed record Side(CauseLocation Where, string Name, FirewallTool Tool, NftTraceListener? Listener, NftTraceTable? Table, string? Why);

    /// <summary>Null (and a note) when no namespace could be traced; a namespace that could not says why in its fact.</summary>
    public static NftTracer? TryStart(DoctorRequest request, IPAddress destination, IPAddress? source, Dictionary<string, string> notes)
    {
        var protocol = request.Spec switch
        {
            { Port: null } => ProtocolType.Icmp,
            { Protocol: DoctorProtocol.Udp } => ProtocolType.Udp,
            _ => ProtocolType.Tcp,
        };
        var selector = new NftTraceSelector(source, destination, protocol, request.Spec.Port);
        var sides = new List<Side> { Start(CauseLocation.Local, request.Network.Netns ?? "this host", request.Network, selector) };
        if (request.PeerNetns is { } peer)
        {
            sides.Add(Start(CauseLocation.Peer, peer, NetworkContext.For(peer), selector));
        }

        if (sides.All(s => s.Table is null))
        {
            notes["nftables_trace"] = sides[0].Why!;
            return null;
        }

        return new NftTracer(sides);
    }

    /// <summary>Reads what was traced and removes netlens's tables; one fact per namespace.</summary>
    public IReadOnlyList<NftTraceFact> Stop()
    {
        var facts = new List<NftTraceFact>();
        foreach (var side in _sides)
        {
            if (side.Listener is null || side.Table is null)
            {
                facts.Add(new NftTraceFact(side.Where, side.Name, null, side.Why));
                continue;
            }

            var (events, overrun) = side.Listener.Drain();
            var changed = side.Table.Remove();
            var decided = NftTraceOutcome.Decide(events, side.Table.Name);
            string? note = null;
            if (decided is null)
            {
                note = events.Count == 0
                    ? "no traced packet reached this namespace's hooks"
                    : "no nftables chain but netlens's own saw the probe: nothing filters it here";
            }

            if (overrun)
            {
                note = $"{note ?? "some"}; trace events were lost (the socket's buffer overflowed)";
            }

            if (changed is not null)
            {
                note = note is null ? changed : $"{note}; {changed}";
            }

            facts.Add(new NftTraceFact(side.Where, side.Name, decided is null ? null : Decision(side.Tool, decided), note) { Seen = events.Count > 0 });
        }

        return facts;
    }

    public void Dispose()
    {
        foreach (var side in _sides)
        {
            side.Table?.Dispose();
            side.Listener?.Dispose();
        }
    }

    /// <summary>The listener first, so no event of the probe is missed once the table exists.</summary>
    private static Side Start(CauseLocation where, string name, NetworkContext context, NftTraceSelector selector)
    {
        var tool = new FirewallTool(context);
        NftTraceListener? listener = null;
        try
        {
            listener = NftTraceListener.Open(context);
            var table = NftTraceTable.Add(tool, selector);
            return new Side(where, name, tool, listener, table, null);
        }
        catch (Exception e) when (e is NetlinkException or MissingPrivilegeException or IOException or UnauthorizedAccessException)
        {
            listener?.Dispose();
            var why = e switch
            {
                NetlinkException { Errno: 1 } => "listening to nftables traces needs CAP_NET_ADMIN (run it with sudo)",
                MissingPrivilegeException => "adding netlens's trace table needs CAP_NET_ADMIN (run it with sudo)",
                _ => e.Message,
            };
            return new Side(where, name, tool, null, null, Unavailable + why);
        }
    }

    /// <summary>The event in the report's words, with the rule's text found by its handle in the ruleset.</summary>
    private static NftTraceDecision Decision(FirewallTool tool, NftTraceEvent decided)
    {
        var table = $"{decided.FamilyWord} {decided.Table}";
        var handle = decided.Type == NftTraceType.Policy || decided.RuleHandle is null ? (long?)null : (long)decided.RuleHandle.Value;
        var text = handle is { } h ? RuleText(tool, decided, h) : null;
        var verdict = NftTraceEvent.VerdictWord(decided.Decision ?? 0);
        if (verdict == "drop" && text is not null && text.Contains("reject", StringComparison.OrdinalIgnoreCase))
        {
            // nftables' reject sends its answer and then drops: the trace says drop, the rule says reject
            verdict = "reject";
        }

        return new NftTraceDecision(table, decided.Chain, handle, text, verdict);
    }

    private static string? RuleText(FirewallTool tool, NftTraceEvent decided, long handle)
    {
        try
        {
            var ruleset = NftJsonParser.Parse(tool.Check("nft", ["-j", "list", "ruleset"]));
            return ruleset.Chains
                .FirstOrDefault(c => c.Family == decided.FamilyWord && c.Table == decided.Table && c.Name == decided.Chain)?
                .Rules.FirstOrDefault(r => r.Handle == handle)?.Text;
        }
        catch (Exception e) when (e is IOException or MissingPrivilegeException or UsageException or InvalidDataException)
        {
            // the rule is still named by its handle; only its text is missing
            return null;
        }
    }
}
