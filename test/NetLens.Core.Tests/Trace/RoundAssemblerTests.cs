using System.Net;
using NetLens.Core.Trace;

namespace NetLens.Core.Tests.Trace;

public class RoundAssemblerTests
{
    private static readonly IPAddress Router = IPAddress.Parse("198.18.1.2");

    private static ProbeResult Hop(int round, int ttl) => new(round, ttl, ProbeOutcome.HopReplied, Router, 1.0);

    [Fact]
    public void After_a_run_of_five_silent_ttls_past_the_last_answer_a_round_probes_no_further_as_mtr()
    {
        // Given a first round where TTLs 1 and 2 answered and nothing after
        var assembler = new RoundAssembler(maxHops: 30, flows: 1);
        Assert.Equal(30, assembler.TtlsFor(0));
        assembler.Add(Hop(0, 1));
        assembler.Add(Hop(0, 2));

        // When the next round starts, then it stops five TTLs past the highest answer
        Assert.Equal(7, assembler.TtlsFor(1));

        // and the first round still closes only once all of its 30 TTLs are in
        var closed = new List<TraceRound>();
        for (var ttl = 3; ttl <= 30; ttl++)
        {
            closed.AddRange(assembler.Add(ProbeResult.Lost(0, ttl)));
        }

        Assert.Equal(30, Assert.Single(closed).Results.Count);
    }

    [Fact]
    public void A_round_whose_limit_was_fixed_closes_at_it_even_when_a_later_answer_raises_the_limit()
    {
        var assembler = new RoundAssembler(maxHops: 30, flows: 1);
        assembler.Add(Hop(0, 1));
        Assert.Equal(6, assembler.TtlsFor(1));

        // a reply at TTL 6 raises the limit for rounds to come, not for round 1, whose probes stopped at 6
        for (var ttl = 2; ttl <= 30; ttl++)
        {
            assembler.Add(ProbeResult.Lost(0, ttl));
        }

        var closed = new List<TraceRound>();
        for (var ttl = 1; ttl <= 5; ttl++)
        {
            closed.AddRange(assembler.Add(ProbeResult.Lost(1, ttl)));
        }

        closed.AddRange(assembler.Add(Hop(1, 6)));

        Assert.Equal(6, Assert.Single(closed).Results.Count);
        Assert.Equal(11, assembler.TtlsFor(2));
    }

    [Fact]
    public void With_a_first_ttl_the_ttls_below_it_are_not_waited_for()
    {
        var assembler = new RoundAssembler(maxHops: 4, flows: 1, firstTtl: 3);

        Assert.Empty(assembler.Add(Hop(0, 3)));
        var closed = assembler.Add(new ProbeResult(0, 4, ProbeOutcome.DestinationReached, IPAddress.Parse("198.18.4.2"), 1.0));

        Assert.Equal([3, 4], Assert.Single(closed).Results.Select(r => r.Ttl));
    }
}
