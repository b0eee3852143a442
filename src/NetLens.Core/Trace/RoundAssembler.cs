namespace NetLens.Core.Trace;

/// <summary>
/// Gathers probe results, which come in as they are known (rounds overlap: a later round's replies can come before an
/// earlier round's lost probe is given up), into whole rounds, closed in round order. A round is whole once every flow
/// has a result at every TTL it probes: from <paramref name="firstTtl"/> up to the destination once known, else up to the
/// round's own limit (<see cref="TtlsFor"/>); results past it are left out, as mtr does. Statistics fed only whole rounds
/// never count a probe that is still out as lost.
/// </summary>
public sealed class RoundAssembler(int maxHops, int flows, int firstTtl = 1, int maxUnknown = TraceStop.MaxUnknown)
{
    private readonly SortedDictionary<int, OpenRound> _open = [];
    private readonly Dictionary<int, int> _limits = [];
    private int _nextToClose;
    private int? _destinationTtl;
    private int _highestAnswered;

    /// <summary>The TTLs worth probing for a round starting now: up to the destination once it answered.</summary>
    public int TtlsToProbe => Math.Min(SilentLimit, _destinationTtl ?? maxHops);

    /// <summary>Some round has results but is not whole yet.</summary>
    public bool HasOpenRounds => _open.Count > 0;

    /// <summary>
    /// The highest TTL round <paramref name="round"/> probes. Fixed when the round is first asked about (so the prober and
    /// the assembler agree on what makes it whole), lowered for every round once the destination answers: like mtr, a
    /// round goes no further than maxUnknown TTLs past the highest that ever answered (until something
    /// answered, the whole range).
    /// </summary>
    public int TtlsFor(int round)
    {
        if (!_limits.TryGetValue(round, out var limit))
        {
            limit = SilentLimit;
            _limits[round] = limit;
        }

        return Math.Max(firstTtl, Math.Min(limit, _destinationTtl ?? maxHops));
    }

    private int SilentLimit => _highestAnswered == 0 ? maxHops : Math.Min(maxHops, _highestAnswered + maxUnknown);

    /// <summary>A run of rounds numbered from <paramref name="firstRound"/> begins; nothing of an earlier run may be open.</summary>
    public void Begin(int firstRound)
    {
        _open.Clear();
        _limits.Clear();
        _nextToClose = firstRound;
    }

    /// <summary>Adds one result; the rounds that became whole by it, oldest first (usually none or one).</summary>
    public IReadOnlyList<TraceRound> Add(ProbeResult result)
    {
        if (result.Round < _nextToClose || result.Ttl < firstTtl || result.Ttl > maxHops || result.Flow < 0 || result.Flow >= flows)
        {
            // The rest of a round already closed: probes past the destination, answered or given up late.
            return [];
        }

        if (!_open.TryGetValue(result.Round, out var round))
        {
            round = new OpenRound(maxHops, flows);
            _open[result.Round] = round;
        }

        round.Add(result, TtlsFor(result.Round));
        if (result.Answered)
        {
            _highestAnswered = Math.Max(_highestAnswered, result.Ttl);
        }

        if (result.Outcome == ProbeOutcome.DestinationReached && result.Ttl < (_destinationTtl ?? int.MaxValue))
        {
            _destinationTtl = result.Ttl;
            foreach (var (number, open) in _open)
            {
                open.Recount(TtlsFor(number));
            }
        }

        return Close(wholeOnly: true);
    }

    /// <summary>The probes are all settled (the prober ran every round): what is open is as whole as it will get.</summary>
    public IReadOnlyList<TraceRound> CloseAll() => Close(wholeOnly: false);

    /// <summary>Forgets the open rounds (probing stopped with probes still out: they would read as lost).</summary>
    public void DropOpen()
    {
        _open.Clear();
        _limits.Clear();
    }

    private List<TraceRound> Close(bool wholeOnly)
    {
        var closed = new List<TraceRound>();
        while (_open.Count > 0)
        {
            var (number, round) = _open.First();
            var ttls = TtlsFor(number);
            if (wholeOnly && (number != _nextToClose || !round.IsWhole((ttls - firstTtl + 1) * flows)))
            {
                break;
            }

            _open.Remove(number);
            _limits.Remove(number);
            _nextToClose = number + 1;
            closed.Add(new TraceRound(number, round.Within(ttls)));
        }

        return closed;
    }

    /// <summary>The results of one round so far, and how many distinct (TTL, flow) pairs up to its limit they cover.</summary>
    private sealed class OpenRound(int maxHops, int flows)
    {
        private readonly bool[] _seen = new bool[maxHops * flows];
        private readonly List<ProbeResult> _results = [];
        private int _covered;

        public void Add(ProbeResult result, int ttls)
        {
            var slot = ((result.Ttl - 1) * flows) + result.Flow;
            if (_seen[slot])
            {
                return;
            }

            _seen[slot] = true;
            _results.Add(result);
            if (result.Ttl <= ttls)
            {
                _covered++;
            }
        }

        public void Recount(int ttls) => _covered = _results.Count(r => r.Ttl <= ttls);

        public bool IsWhole(int probes) => _covered == probes;

        public IReadOnlyList<ProbeResult> Within(int ttls) => [.. _results.Where(r => r.Ttl <= ttls)];
    }
}
