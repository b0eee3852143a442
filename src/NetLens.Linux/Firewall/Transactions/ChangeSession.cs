using System.Globalization;
using NetLens.Core.Firewall.Planning;
using NetLens.Core.Firewall.Transactions;

namespace NetLens.Linux.Firewall.Transactions;

/// <summary>A change that an earlier, interrupted run left behind, and what putting it back restored.</summary>
public sealed record RecoveredChange(ChangeJournal Journal, IReadOnlyList<string> Restored);

/// <summary>
/// One `port open|close` made all or nothing across backends, also under SIGKILL: the namespace's lock is held for the
/// whole session; <see cref="Recover"/> rolls back what an interrupted run left; <see cref="Run"/> journals the
/// recorded state, runs the steps, and either removes the journal (all went in) or rolls back to it (a step failed).
/// </summary>
public sealed class ChangeSession : IDisposable
{
    private readonly FirewallTool _tool;
    private readonly ChangeLock _lock;
    private readonly JournalStore _journal;

    private ChangeSession(FirewallTool tool, NamespaceId ns, ChangeLock held, JournalStore journal)
    {
        _tool = tool;
        Namespace = ns;
        _lock = held;
        _journal = journal;
    }

    public NamespaceId Namespace { get; }

    /// <summary>Takes the namespace's lock (waiting up to <paramref name="wait"/>).</summary>
    public static ChangeSession Open(FirewallTool tool, StateDirectory state, TimeSpan wait, CancellationToken cancel)
    {
        var ns = NamespaceIdentity.Read(tool.Netns);
        state.Create();
        var held = ChangeLock.Acquire(state.LockFile(ns), wait, cancel);
        return new ChangeSession(tool, ns, held, new JournalStore(state.JournalFile(ns)));
    }

    /// <summary>
    /// Rolls back a change whose run is gone (we hold the lock, so it cannot still be running); null when none was
    /// left. A journal of another namespace that had the same inode number is dropped: that namespace is gone.
    /// </summary>
    public RecoveredChange? Recover()
    {
        var left = _journal.Read();
        if (left is null)
        {
            return null;
        }

        if (!left.Namespace.SameAs(Namespace))
        {
            _journal.Delete();
            return null;
        }

        if (left.Pid != Environment.ProcessId && ProcessStart(left.Pid) == left.PidStart)
        {
            throw new IOException($"{_journal.Path}: {left.Describe()} is still running but does not hold the lock (was the lock file removed?); let it finish");
        }

        var restored = FirewallRollback.Restore(_tool, left);
        _journal.Delete();
        return new RecoveredChange(left, restored);
    }

    /// <summary>The journal of a change: what <paramref name="plan"/> touches and the <paramref name="files"/> it writes, as they are now.</summary>
    public ChangeJournal Record(string verb, string spec, FirewallPlan plan, IEnumerable<string> files)
    {
        var (iptables, nftables) = FirewallSnapshot.Take(_tool, plan);
        return new ChangeJournal
        {
            Verb = verb,
            Spec = spec,
            Pid = Environment.ProcessId,
            PidStart = ProcessStart(Environment.ProcessId) ?? 0,
            Namespace = Namespace,
            Iptables = iptables,
            Nftables = nftables,
            Files = FirewallSnapshot.Files(files),
        };
    }

    /// <summary>
    /// Journals, then runs <paramref name="steps"/>. When one throws, everything goes back to the journal's state and
    /// the failure is thrown again, saying so; the journal stays only when even the rollback failed.
    /// </summary>
    public void Run(ChangeJournal journal, Action steps)
    {
        _journal.Write(journal);
        try
        {
            steps();
        }
        catch (Exception failure)
        {
            try
            {
                FirewallRollback.Restore(_tool, journal);
            }
            catch (IOException rollback)
            {
                throw new IOException($"{failure.Message}; {rollback.Message} (the recorded state is kept in {_journal.Path}: the next port open|close restores it)", failure);
            }

            _journal.Delete();
            var message = $"{failure.Message}; the change was rolled back, the firewall is as it was";
            throw failure is Core.MissingPrivilegeException privilege ? new Core.MissingPrivilegeException(message, privilege.Fix) : new IOException(message, failure);
        }

        _journal.Delete();
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>A process's start time in clock ticks (/proc/PID/stat field 22), or null when there is no such process.</summary>
    private static long? ProcessStart(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[19], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
